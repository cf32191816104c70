namespace CommitLab.Web.Lab;

/// <summary>
/// What the playback bar drives: a <see cref="PlaybackSession"/>, a Tahoe-LAFS run, or a
/// classroom run through the instructor's console (which checks, on the server, that the caller may
/// drive it).
/// </summary>
public interface IPlaybackControl
{
    /// <summary>The clock at the cursor.</summary>
    long Tick { get; }

    /// <summary>Whether the run at the cursor is over (nothing left to play).</summary>
    bool Finished { get; }

    bool Playing { get; }

    double Speed { get; }

    TimelinePosition Head { get; }

    bool IsBehindHead { get; }

    long? BranchedAtTick { get; }

    void Play();

    void Pause();

    bool StepEvent();

    /// <summary>Whether <see cref="StepBack"/> is offered (a private Lab replays its recording; a room or a Tahoe run does not).</summary>
    bool CanStepBack => false;

    /// <summary>Goes one event back by replaying the recording to just before it; false when already at the start.</summary>
    bool StepBack() => false;

    void Restart();

    void SetSpeed(double speed);

    void SeekTick(long tick);
}
