using ActorBroker.Cli.Commands;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// The run's data directory: a fresh temporary one, or <c>--data-dir</c>, which must be new or empty so that no earlier
/// run's journals mix into this one. Delete removes what the run wrote, and the directory itself if the run created it.
/// </summary>
internal sealed class QuickstartData
{
    private readonly bool _created;

    private QuickstartData(string root, bool created)
    {
        Root = root;
        _created = created;
    }

    public string Root { get; }

    public static QuickstartData Prepare(string? directory)
    {
        if (directory is null) return new QuickstartData(Directory.CreateTempSubdirectory("actorbroker-quickstart-").FullName, created: true);
        var root = Path.GetFullPath(directory);
        var existed = Directory.Exists(root);
        if (existed && Directory.EnumerateFileSystemEntries(root).Any())
            throw new UsageException($"--data-dir {root} is not empty; give a new or empty directory, so no earlier journal mixes into this run");
        Directory.CreateDirectory(root);
        return new QuickstartData(root, created: !existed);
    }

    public void Delete()
    {
        if (_created)
        {
            Directory.Delete(Root, recursive: true);
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Root)) Directory.Delete(directory, recursive: true);
        foreach (var file in Directory.EnumerateFiles(Root)) File.Delete(file);
    }
}
