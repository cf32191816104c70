namespace CommitLab.Engine.Simulation;

/// <summary>
/// A fingerprint carried beside the fields it was worked out from, so that a reader need not work it
/// out again. It adds nothing to what the value is, so it compares equal whatever it holds: a record
/// that carries one keeps exactly the equality of its other fields.
/// </summary>
/// <param name="value">The fingerprint; 0 when not known (a reader then works it out from the fields).</param>
internal readonly struct CarriedPrint(ulong value) : IEquatable<CarriedPrint>
{
    public ulong Value => value;

    public bool Equals(CarriedPrint other) => true;

    public override bool Equals(object? obj) => obj is CarriedPrint;

    public override int GetHashCode() => 0;
}
