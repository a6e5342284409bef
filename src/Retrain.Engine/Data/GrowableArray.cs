namespace Retrain.Engine.Data;

/// <summary>
/// An append-only buffer that doubles when full: the column store the readers fill row by row,
/// without a per-value allocation.
/// </summary>
internal sealed class GrowableArray<T>
{
    private T[] _items;
    private int _count;

    public GrowableArray(int initialCapacity = 1024) => _items = new T[Math.Max(4, initialCapacity)];

    public int Count => _count;

    public T this[int index] => _items[index];

    public void Add(T value)
    {
        if (_count == _items.Length)
            Array.Resize(ref _items, checked(_items.Length * 2));
        _items[_count++] = value;
    }

    /// <summary>Grows the buffer to hold <paramref name="capacity"/> values without another resize.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _items.Length)
            Array.Resize(ref _items, capacity);
    }

    /// <summary>Drops the values from <paramref name="count"/> on (used to undo a partly added row).</summary>
    public void Truncate(int count) => _count = Math.Min(_count, count);

    /// <summary>An array of exactly <see cref="Count"/> values; the buffer itself when it is full, else a copy.</summary>
    public T[] ToArray()
    {
        if (_count == _items.Length)
            return _items;
        return _items.AsSpan(0, _count).ToArray();
    }

    /// <summary>A new array of the values, never the buffer itself (for a builder that may go on adding).</summary>
    public T[] CopyToArray() => _items.AsSpan(0, _count).ToArray();
}
