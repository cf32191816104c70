using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// Hosts the Orleans silo that runs the rooms inside the web app. One command runs a cluster of
/// one (localhost clustering, free ports, rooms in the SQLite file); configuration joins a real
/// cluster whose membership the runtime keeps (see <see cref="ClassroomClusterOptions"/>).
/// </summary>
public static class ClusterHosting
{
    public static WebApplicationBuilder AddClassroomCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ClassroomClusterOptions.Section).Get<ClassroomClusterOptions>() ?? new ClassroomClusterOptions();
        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort();
        var gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePort();

        builder.UseOrleans(silo =>
        {
            if (options.IsPostgres)
            {
                throw new InvalidOperationException("Cluster mode postgres is not available in this build.");
            }

            // A cluster of one: membership in memory, this silo its own primary. A unique cluster
            // id keeps two servers on one machine (tests run several) from ever meeting.
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: $"{options.ClusterId}-{Guid.NewGuid():N}");
            silo.Configure<GrainCollectionOptions>(collection =>
            {
                // A room's grain goes when its room leaves memory (RoomGrain checks), not after
                // the runtime's default idle time: pages use the room without calling the grain.
                collection.ClassSpecificCollectionAge[typeof(RoomGrain).FullName!] = TimeSpan.FromDays(1);
            });
        });

        builder.Services.AddSingleton<IRoomPlacement, GrainRoomPlacement>();
        // Orleans logs its start-up and membership chatter at Information; keep the console for the app's own lines.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        return builder;
    }

    /// <summary>A port nobody listens on now (the OS picks it); taken again a moment later by the silo.</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
