using System.Collections;
using System.Collections.Immutable;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// An immutable list that compares by its elements. <see cref="ImmutableArray{T}"/> compares by
/// reference, so a record holding one would not have the structural equality a state value needs.
/// </summary>
public readonly struct ValueList<T> : IEquatable<ValueList<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> items;

    public ValueList(ImmutableArray<T> items)
    {
        this.items = items.IsDefault ? ImmutableArray<T>.Empty : items;
    }

    public static ValueList<T> Empty => new([]);

    /// <summary>The elements as an immutable array (the same memory, no copy).</summary>
    public ImmutableArray<T> Items => items.IsDefault ? ImmutableArray<T>.Empty : items;

    public int Count => items.IsDefault ? 0 : items.Length;

    /// <summary>The elements as a span: the fast way to walk them (a default list reads as empty).</summary>
    public ReadOnlySpan<T> AsSpan() => items.AsSpan();

    public T this[int index] => items[index];

    public static implicit operator ValueList<T>(ImmutableArray<T> items) => new(items);

    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    public bool Equals(ValueList<T> other) => AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", Items)}]";
}
