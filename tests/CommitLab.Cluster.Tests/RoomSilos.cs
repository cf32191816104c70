using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// A cluster of two silos in this process, each with the app's room services over one shared
/// store (the data folder every instance of a cluster reaches), as the app registers them.
/// Silo 1 is a secondary silo (stopping it leaves the cluster's membership, kept by the primary,
/// running); silo 2 is the primary.
/// </summary>
public sealed class RoomSilos : IAsyncDisposable
{
    private const string FolderKey = "CommitLab:DataDirectory";

    private RoomSilos(TestCluster cluster, string folder)
    {
        Cluster = cluster;
        Folder = folder;
    }

    public TestCluster Cluster { get; }

    public string Folder { get; }

    public SiloHandle Silo1 => Cluster.SecondarySilos[0];

    public SiloHandle Silo2 => Cluster.Primary ?? throw new InvalidOperationException("the test cluster has no primary silo");

    public static async Task<RoomSilos> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "commitlab-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = new TestClusterBuilder(2);
        builder.Properties[FolderKey] = folder;
        builder.AddSiloBuilderConfigurator<RoomServices>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RoomSilos(cluster, folder);
    }

    public static IServiceProvider Services(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;

    public static ClassroomService Rooms(SiloHandle silo) => Services(silo).GetRequiredService<ClassroomService>();

    public static IGrainFactory Grains(SiloHandle silo) => Services(silo).GetRequiredService<IGrainFactory>();

    public static string Address(SiloHandle silo) => silo.SiloAddress.ToParsableString();

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a silo being torn down: the temp folder is cleaned by the OS.
        }
    }

    /// <summary>The room services each silo of the app has (Program.cs and ClusterHosting).</summary>
    private sealed class RoomServices : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var folder = siloBuilder.Configuration[FolderKey] ?? throw new InvalidOperationException("no data folder for the test silos");
            // Declare a killed silo dead within seconds, so its rooms come back elsewhere quickly.
            siloBuilder.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
            siloBuilder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            siloBuilder.Services.AddOptions<ClassroomOptions>();
            siloBuilder.Services.AddSingleton<IClassroomStore>(services => new ClassroomStore(folder, services.GetRequiredService<ILogger<ClassroomStore>>()));
            siloBuilder.Services.AddSingleton<ClassroomService>();
            siloBuilder.Services.AddSingleton<IRoomPlacement, GrainRoomPlacement>();
            siloBuilder.Services.AddSingleton<RoomRecordings>();
            // Each instance's own page address, as the cluster script gives them (here a name per silo).
            siloBuilder.Services.AddSingleton(services => new ClassroomClusterOptions { PublicUrl = "http://" + services.GetRequiredService<ILocalSiloDetails>().Name + ".test" });
            siloBuilder.Services.AddSingleton(_ => new ScenarioLibrary(RepositoryScenarios.Folder));
        }
    }
}
