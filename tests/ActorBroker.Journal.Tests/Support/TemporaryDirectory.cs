namespace ActorBroker.Journal.Tests.Support;

/// <summary>Fresh directories under the system temp path for test databases.</summary>
internal static class TemporaryDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "actorbroker-journal-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A connection pool that still holds the file only leaves litter in the temp directory.
        }
    }
}
