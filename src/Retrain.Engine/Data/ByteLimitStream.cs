namespace Retrain.Engine.Data;

/// <summary>
/// A read-only stream that fails once more than a limit of bytes has come through it. Put over a decompressing
/// stream, it bounds what a small .gz can expand to while it is read, not after.
/// </summary>
internal sealed class ByteLimitStream(Stream inner, long limit, Func<Exception> tooLarge) : Stream
{
    private long _read;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override int ReadByte()
    {
        int b = inner.ReadByte();
        if (b >= 0)
            Counted(1);
        return b;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int n)
    {
        _read += n;
        if (_read > limit)
            throw tooLarge();
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
