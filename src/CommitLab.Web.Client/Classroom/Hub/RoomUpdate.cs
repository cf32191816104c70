namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// One update of a room's run as hub clients receive it. <see cref="Seq"/> grows by one per update
/// of the room, so a client can tell it missed one; <see cref="ActionId"/> echoes the instructor
/// call that caused it; <see cref="Lines"/> are the new trace events in the CLI's text form
/// (all of them from the start of the window when <see cref="Reset"/> is set).
/// </summary>
/// <remarks>
/// A replica (the student page running in the browser) gets no lines: it replays the run itself
/// from <see cref="Recording"/>, which comes whenever the recording changed (a scenario loaded, a
/// fault injected, a fault removed) and with every <c>State()</c>, and checks what it computed
/// against <see cref="Events"/> and <see cref="TraceHash"/>.
/// Between the instances of a cluster it travels as a <c>RoomUpdateSurrogate</c> (the web project).
/// </remarks>
public sealed record RoomUpdate(
    long Seq,
    long Events,
    long Tick,
    bool Playing,
    double Speed,
    bool Finished,
    string Outcome,
    string TraceHash,
    string? ActionId,
    bool Reset,
    IReadOnlyList<string> Lines)
{
    /// <summary>The scenario plus every fault so far, as a scenario file; null when it has not changed since the last update.</summary>
    public string? Recording { get; init; }

    /// <summary>The recording packed for a Lab link (see <c>ShareLink.Pack</c>), sent with <see cref="Recording"/>; null when the run is too long for a link.</summary>
    public string? ForkRun { get; init; }

    /// <summary>The play timer paused itself because the run stands still (see <c>LabFrame.HeldAtStandstill</c>).</summary>
    public bool Held { get; init; }
}
