using System.Collections.Concurrent;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// An instance's subscription as a test sees it: updates pass through the same
/// <see cref="UpdateSequencer"/> as the app's <see cref="RoomFollower"/>, and are kept in the order
/// it released them.
/// </summary>
public sealed class UpdateCollector : IRoomObserver
{
    private readonly ConcurrentQueue<RoomUpdate> updates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> awaited = new();
    private readonly UpdateSequencer sequencer;

    public UpdateCollector() => sequencer = new UpdateSequencer(Released);

    public void Subscribed(RoomSubscription subscription) => sequencer.Subscribed(subscription.Epoch, subscription.Current);

    public Task Updated(string epoch, RoomUpdate update)
    {
        sequencer.Arrived(epoch, update);
        return Task.CompletedTask;
    }

    private void Released(RoomUpdate update)
    {
        updates.Enqueue(update);
        if (update.ActionId is { } id)
        {
            awaited.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    public Task PollChanged(PollView? poll) => Task.CompletedTask;

    public Task PollAnswered(PollView poll) => Task.CompletedTask;

    public Task StudentsChanged(int watching) => Task.CompletedTask;

    /// <summary>Waits until the update caused by this action arrived; returns every update so far.</summary>
    public async Task<IReadOnlyList<RoomUpdate>> UntilActionAsync(string actionId)
    {
        await awaited.GetOrAdd(actionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(30));
        return updates.ToArray();
    }
}
