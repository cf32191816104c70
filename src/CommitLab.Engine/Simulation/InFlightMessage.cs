using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// A message on the wire: a first-class object with an id, so the UI can draw it and a user can drop
/// or delay it. <see cref="Version"/> invalidates an older delivery event when it is delayed.
/// </summary>
internal sealed class InFlightMessage(long id, Message message, long sentAt, long deliverAt, bool lost)
{
    public long Id { get; } = id;

    public Message Message { get; } = message;

    public long SentAt { get; } = sentAt;

    public long DeliverAt { get; set; } = deliverAt;

    /// <summary>The network lost it at send time; it vanishes when it would have arrived.</summary>
    public bool Lost { get; } = lost;

    public int Version { get; set; }
}
