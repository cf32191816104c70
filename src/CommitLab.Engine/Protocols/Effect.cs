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
/// <see cref="LogRecordKind.Checkpoint"/> carries the state it saves in <see cref="Saved"/>. The lock's
/// name and the checkpoint share one reference (<see cref="Data"/>), because every field here is copied
/// with every effect on the hot path.
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
    int Jitter = 0,
    object? Data = null)
{
    /// <summary>The lock an <see cref="EffectKind.Acquire"/> takes.</summary>
    public string? Resource => Data as string;

    /// <summary>The state a <see cref="LogRecordKind.Checkpoint"/> append saves.</summary>
    public Checkpoint? Saved => Data as Checkpoint;
}
