namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// State shared by a document and the files it includes: nesting depth is bounded so hostile or
/// broken input fails with a parse error instead of a stack overflow, and include cycles are caught.
/// </summary>
internal sealed class HoconParseContext
{
    public const int MaxDepth = 256;

    private readonly Stack<string> _openFiles = new();

    public int Depth { get; private set; }

    public bool TryEnter() => ++Depth <= MaxDepth;

    public void Exit() => Depth--;

    public bool IsOpen(string fullPath) => _openFiles.Contains(fullPath, StringComparer.Ordinal);

    public void PushFile(string fullPath) => _openFiles.Push(fullPath);

    public void PopFile() => _openFiles.Pop();
}
