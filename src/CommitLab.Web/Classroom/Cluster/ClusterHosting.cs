using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using StackExchange.Redis;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// Hosts the Orleans silo that runs the rooms inside the web app, and picks where rooms are
/// stored. One command runs a cluster of one (localhost clustering, free ports, rooms in the
/// SQLite file); <c>CommitLab:Cluster:Mode=redis</c> joins a real cluster whose membership the
/// runtime keeps in Redis, with rooms stored there too (see <see cref="ClassroomClusterOptions"/>).
/// </summary>
public static class ClusterHosting
{
    public static WebApplicationBuilder AddClassroomCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ClassroomClusterOptions.Section).Get<ClassroomClusterOptions>() ?? new ClassroomClusterOptions();
        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort();
        var gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePort();
        builder.Services.AddSingleton(options);

        builder.UseOrleans(silo =>
        {
            if (options.IsRedis)
            {
                var redis = RedisConfiguration(options);
                silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = redis);
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), siloPort, gatewayPort, listenOnAnyHostAddress: false);
                silo.Configure<ClusterMembershipOptions>(membership =>
                {
                    // A dead instance is declared dead by two others after two missed 2-second
                    // probes, so its rooms come back elsewhere within seconds, not the default half minute.
                    membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                    membership.NumMissedProbesLimit = 2;
                });
                silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
            }
            else
            {
                // A cluster of one: membership in memory, this silo its own primary. A unique cluster
                // id keeps two servers on one machine (tests run several) from ever meeting.
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: $"{options.ClusterId}-{Guid.NewGuid():N}");
            }

            silo.Configure<GrainCollectionOptions>(collection =>
            {
                // A room's grain goes when its room leaves memory (RoomGrain checks), not after
                // the runtime's default idle time: pages use the room without calling the grain.
                collection.ClassSpecificCollectionAge[typeof(RoomGrain).FullName!] = TimeSpan.FromDays(1);
            });
        });

        if (options.IsRedis)
        {
            // The classroom service's store calls are synchronous (so are the page and hub paths
            // that use them), and each one holds a pool thread while Redis answers. A lecture hall
            // joining at once is a burst of them; the pool adds threads slowly past its floor (the
            // core count), and measured with 1,500 joins on two cores, calls then waited past
            // Redis's 5-second timeout. A higher floor lets the burst through.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(options));
            builder.Services.AddSingleton<IClassroomStore>(services => new RedisClassroomStore(services.GetRequiredService<IConnectionMultiplexer>(), $"commitlab:{options.ServiceId}:"));
        }
        else
        {
            builder.Services.AddSingleton<IClassroomStore>(services => services.GetRequiredService<ClassroomStore>());
        }

        builder.Services.AddSingleton<IRoomPlacement, GrainRoomPlacement>();
        // Orleans logs its start-up and membership chatter at Information; keep the console for the app's own lines.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        return builder;
    }

    private static ConfigurationOptions RedisConfiguration(ClassroomClusterOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            throw new ClassroomStoreException("Cluster mode redis needs CommitLab:Cluster:Redis (environment variable CommitLab__Cluster__Redis), such as 127.0.0.1:6379.");
        }

        return ConfigurationOptions.Parse(options.Redis);
    }

    private static ConnectionMultiplexer ConnectRedis(ClassroomClusterOptions options)
    {
        try
        {
            return ConnectionMultiplexer.Connect(RedisConfiguration(options));
        }
        catch (RedisConnectionException e)
        {
            throw new ClassroomStoreException($"Redis at {options.Redis} cannot be reached ({e.Message}). Start it (tools/cluster/run-local-cluster.sh does) or fix CommitLab:Cluster:Redis.", e);
        }
    }

    /// <summary>A port nobody listens on now (the OS picks it); taken again a moment later by the silo.</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
