using System.Collections.Concurrent;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// One instance's classroom hub as its clients see it, without a web server: the app's
/// <see cref="ClassroomHub"/> and <see cref="ClassroomFanOut"/> on a silo's services, with groups
/// and sends kept in memory. A connection here calls the hub's methods and receives what the
/// instance's one subscription to the room sends to its groups.
/// </summary>
public sealed class LocalHub : IHubContext<ClassroomHub, IClassroomClient>, IHubClients<IClassroomClient>, IGroupManager, IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HubConnection> connections = new(StringComparer.Ordinal);
    private readonly IServiceProvider services;

    public LocalHub(IServiceProvider services)
    {
        this.services = services;
        FanOut = new ClassroomFanOut(Get<IGrainFactory>(), this, NullLogger<ClassroomFanOut>.Instance);
    }

    public ClassroomFanOut FanOut { get; }

    public IHubClients<IClassroomClient> Clients => this;

    public IGroupManager Groups => this;

    /// <summary>A new connection to this instance's hub.</summary>
    public HubConnection Connect()
    {
        var connection = new HubConnection(Guid.NewGuid().ToString("N"));
        connections[connection.Id] = connection;
        return connection;
    }

    /// <summary>A hub object for one call on the connection, as SignalR makes one per call.</summary>
    public ClassroomHub Hub(HubConnection connection) =>
        new(Get<ClassroomService>(), Get<ScenarioLibrary>(), Get<RoomRecordings>(), Get<IGrainFactory>(), FanOut, NullLogger<ClassroomHub>.Instance)
        {
            Context = connection.Context,
            Groups = this,
        };

    public void Dispose() => FanOut.Dispose();

    public IClassroomClient All => To(connections.Keys);

    public IClassroomClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => To(connections.Keys.Except(excludedConnectionIds));

    public IClassroomClient Client(string connectionId) => To([connectionId]);

    IClassroomClient IHubClients<IClassroomClient>.Clients(IReadOnlyList<string> connectionIds) => To(connectionIds);

    public IClassroomClient Group(string groupName) => To(Members(groupName));

    IClassroomClient IHubClients<IClassroomClient>.Groups(IReadOnlyList<string> groupNames) => To(groupNames.SelectMany(Members).Distinct());

    public IClassroomClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => To(Members(groupName).Except(excludedConnectionIds));

    public IClassroomClient User(string userId) => To([]);

    public IClassroomClient Users(IReadOnlyList<string> userIds) => To([]);

    public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        groups.GetOrAdd(groupName, _ => new ConcurrentDictionary<string, byte>())[connectionId] = 0;
        return Task.CompletedTask;
    }

    public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (groups.TryGetValue(groupName, out var members))
        {
            members.TryRemove(connectionId, out _);
        }

        return Task.CompletedTask;
    }

    private T Get<T>() where T : notnull => (T)(services.GetService(typeof(T)) ?? throw new InvalidOperationException($"the silo has no {typeof(T).Name}"));

    private IEnumerable<string> Members(string group) => groups.TryGetValue(group, out var members) ? members.Keys : [];

    private Broadcast To(IEnumerable<string> ids) => new(ids.Select(id => connections.TryGetValue(id, out var c) ? c : null).OfType<HubConnection>().ToArray());

    private sealed class Broadcast(HubConnection[] to) : IClassroomClient
    {
        public Task RoomUpdated(RoomUpdate update) => Each(c => c.RoomUpdated(update));

        public Task PollChanged(PollView? poll) => Each(c => c.PollChanged(poll));

        public Task StudentsChanged(int watching) => Each(c => c.StudentsChanged(watching));

        private Task Each(Func<HubConnection, Task> send) => Task.WhenAll(to.Select(send));
    }
}

/// <summary>A client connected to a <see cref="LocalHub"/>: what the hub sent it, in order.</summary>
public sealed class HubConnection : IClassroomClient
{
    private readonly ConcurrentQueue<RoomUpdate> updates = new();
    private readonly ConcurrentQueue<int> headCounts = new();
    private readonly Lock signal = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubConnection(string id)
    {
        Id = id;
        Context = new CallerContext(id);
    }

    public string Id { get; }

    public HubCallerContext Context { get; }

    public IReadOnlyList<RoomUpdate> Updates => updates.ToArray();

    public IReadOnlyList<int> HeadCounts => headCounts.ToArray();

    /// <summary>The last head count the hub sent; null before any.</summary>
    public int? HeadCount => HeadCounts is [.., var last] ? last : null;

    public Task RoomUpdated(RoomUpdate update)
    {
        updates.Enqueue(update);
        Changed();
        return Task.CompletedTask;
    }

    public Task PollChanged(PollView? poll) => Task.CompletedTask;

    public Task StudentsChanged(int watching)
    {
        headCounts.Enqueue(watching);
        Changed();
        return Task.CompletedTask;
    }

    /// <summary>Waits (up to a minute: a killed silo must first be declared dead) until what was received satisfies the condition.</summary>
    public async Task UntilAsync(Func<HubConnection, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Task next;
            lock (signal)
            {
                next = changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"connection {Id} never received {what}");
            }

            await Task.WhenAny(next, Task.Delay(left));
        }
    }

    private void Changed()
    {
        lock (signal)
        {
            changed.TrySetResult();
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private sealed class CallerContext(string id) : HubCallerContext
    {
        public override string ConnectionId => id;

        public override string? UserIdentifier => null;

        public override System.Security.Claims.ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new ConcurrentDictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
