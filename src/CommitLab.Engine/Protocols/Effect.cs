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
    string? Resource = null);
