using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// Folds <c>registry/events.jsonl</c> into a <see cref="RegistryState"/> while checking that it is the log writers
/// wrote: every line readable, chained to all the bytes before it, and every rule of the registry kept; the points
/// recorded elsewhere (<see cref="RegistryHead"/>, a checkpoint that did not match) are reached with the same hash.
/// Any difference is corruption naming the line; nothing is repaired here.
/// </summary>
internal sealed class RegistryReplay : IDisposable
{
    /// <summary>A point of the log recorded outside it: after event <paramref name="Sequence"/>, <paramref name="Offset"/> bytes hashing to <paramref name="Hash"/>.</summary>
    public sealed record Anchor(long Sequence, long Offset, string Hash, string RecordedIn);

    private readonly string _logPath;
    private bool _chained;

    public RegistryReplay(string logPath) => _logPath = logPath;

    public RegistryState State { get; private set; } = new();

    public RegistryChain Chain { get; private set; } = new();

    public JsonLinesLog.Cursor Cursor { get; private set; } = JsonLinesLog.Cursor.Start;

    /// <summary>The checkpoint this replay started from (0: the start of the log).</summary>
    public long StartSequence { get; private set; }

    /// <summary>A replay resumed from a checkpoint, or null when the log's first bytes no longer hash to what it recorded.</summary>
    public static RegistryReplay? Resume(string logPath, RegistryCheckpoint checkpoint)
    {
        RegistryChain? prefix = RegistryChain.OfPrefix(logPath, checkpoint.Offset);
        if (prefix is null || prefix.Current != checkpoint.Hash)
        {
            prefix?.Dispose();
            return null;
        }
        byte[] lastLine = new byte[checkpoint.Offset - 1 - checkpoint.LastLineStart];
        using (var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.Position = checkpoint.LastLineStart;
            stream.ReadExactly(lastLine);
        }
        return new RegistryReplay(logPath)
        {
            State = checkpoint.ToState(),
            Chain = prefix,
            Cursor = new JsonLinesLog.Cursor(checkpoint.Offset, checkpoint.LastLineStart, lastLine),
            StartSequence = checkpoint.Sequence,
            _chained = true,
        };
    }

    /// <summary>Folds the lines of <paramref name="chunk"/> (read after <see cref="Cursor"/>); <paramref name="seen"/> gets each event.</summary>
    public void Apply(JsonLinesLog.Chunk chunk, IReadOnlyCollection<Anchor> anchors, Action<EventRecord>? seen = null)
    {
        foreach (var (lineNumber, bytes) in chunk.Lines)
        {
            EventRecord e = FileRetrainStore.ParseLine<EventRecord>(_logPath, lineNumber, bytes);
            RegistryRules.CheckReadable(e.Format, e.Action, $"line {lineNumber} of '{_logPath}'", _logPath);
            CheckChained(e, lineNumber);
            if (State.Apply(e) is string problem)
                throw FileRetrainStore.Corrupt(_logPath, $"line {lineNumber} {problem}");
            Chain.Feed(bytes);
            foreach (Anchor anchor in anchors)
                if (anchor.Sequence == e.Sequence && (anchor.Offset != Chain.Offset || anchor.Hash != Chain.Current))
                    throw FileRetrainStore.Corrupt(_logPath,
                        $"line {lineNumber} (event {e.Sequence}) or a line before it changed after '{anchor.RecordedIn}' recorded the log up to it " +
                        $"({anchor.Offset} bytes, SHA-256 {anchor.Hash}; now {Chain.Offset} bytes, {Chain.Current})");
            seen?.Invoke(e);
        }
        Cursor = chunk.Next;
        foreach (Anchor anchor in anchors)
            if (anchor.Sequence > State.LastSequence)
                throw FileRetrainStore.Corrupt(_logPath,
                    $"it holds {State.LastSequence} complete event{(State.LastSequence == 1 ? "" : "s")}{(chunk.TornTail ? " and an incomplete line" : "")}, " +
                    $"but '{anchor.RecordedIn}' recorded {anchor.Sequence}: events {State.LastSequence + 1}–{anchor.Sequence} were removed (the log was cut or emptied). " +
                    "Nothing was repaired; restore the log from a backup");
    }

    /// <summary>
    /// Lines written before the chain existed carry no <c>previous_hash</c> and are accepted as a prefix; once a line
    /// carries one, every later line must, and each must carry the hash of all the bytes before it.
    /// </summary>
    private void CheckChained(EventRecord e, long lineNumber)
    {
        if (e.PreviousHash is null)
        {
            if (_chained)
                throw FileRetrainStore.Corrupt(_logPath,
                    $"line {lineNumber} carries no previous_hash although the lines before it do: it was inserted or rewritten " +
                    "(or written by a Retrain older than the one that started the chain)");
            return;
        }
        if (e.PreviousHash != Chain.Current)
            throw FileRetrainStore.Corrupt(_logPath, lineNumber == 1
                ? "line 1 is chained to earlier lines that are not there: lines were removed from the start of the log"
                : $"line {lineNumber} is chained to different earlier lines (its previous_hash is not the SHA-256 of lines 1–{lineNumber - 1}): " +
                  $"line {lineNumber - 1} or an earlier line was edited, or lines were removed, inserted or reordered before line {lineNumber}");
        _chained = true;
    }

    public void Dispose() => Chain.Dispose();
}
