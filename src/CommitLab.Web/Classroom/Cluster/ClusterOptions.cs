namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// How this instance joins the cluster that runs the rooms (section <c>CommitLab:Cluster</c>,
/// environment variables <c>CommitLab__Cluster__*</c>). By default it is a cluster of one: an
/// in-process silo on loopback, rooms in the SQLite file.
/// </summary>
public sealed class ClassroomClusterOptions
{
    public const string Section = "CommitLab:Cluster";

    /// <summary><c>local</c> (default: one instance, rooms in the SQLite file) or <c>redis</c> (membership and rooms in Redis).</summary>
    public string Mode { get; set; } = "local";

    /// <summary>Where Redis is for <c>redis</c> mode, in StackExchange.Redis form (<c>127.0.0.1:6379</c>).</summary>
    public string? Redis { get; set; }

    /// <summary>Port silos talk to each other on; 0 picks a free one (the default for one instance).</summary>
    public int SiloPort { get; set; }

    /// <summary>Port for Orleans clients; 0 picks a free one.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Instances with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "commitlab";

    /// <summary>Names the stored data (grain state) across deployments of the cluster.</summary>
    public string ServiceId { get; set; } = "commitlab";

    /// <summary>The address other instances reach this one's silo port on (default loopback).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The address people reach this instance's pages on (<c>http://127.0.0.1:5101</c>), when it
    /// is known: an instructor who opens a console link on another instance is sent here.
    /// </summary>
    public string? PublicUrl { get; set; }

    public bool IsRedis => string.Equals(Mode, "redis", StringComparison.OrdinalIgnoreCase);
}
