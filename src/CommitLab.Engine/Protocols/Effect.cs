namespace CommitLab.Engine.Protocols;

/// <summary>The kinds of effect a protocol step can ask the simulator to carry out.</summary>
public enum EffectKind : byte
{
    Send,
    SetTimer,
    CancelTimer,
    Append,
    Decide,
    Enter,
    Acquire,
    ReleaseAll,
}

/// <summary>
/// One thing a node wants done. A flat struct rather than a class hierarchy because the simulator's
/// inner loop creates millions of them; only the fields its <see cref="Kind"/> names are meaningful.
/// A timer fires after <see cref="Delay"/> ticks, or, with a <see cref="Jitter"/>, after a delay the
/// simulator draws from [Delay, Delay + Jitter] (nodes never touch randomness). An append of a
/// <see cref="LogRecordKind.Checkpoint"/> carries the state it saves in <see cref="Saved"/>.
/// </summary>
public readonly record struct Effect(
    EffectKind Kind,
    Message Message = default,
    TimerKind Timer = TimerKind.Vote,
    int Delay = 0,
    LogRecordKind Record = LogRecordKind.Prepared,
    bool Forced = false,
    Outcome Decision = Outcome.None,
    Phase State = Phase.Working,
    string? Resource = null,
    int Jitter = 0,
    Checkpoint? Saved = null);
