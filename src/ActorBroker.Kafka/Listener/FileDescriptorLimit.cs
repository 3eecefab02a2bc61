using System.Globalization;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// Whether max-connections leaves the node enough file descriptors. A process out of descriptors does not only fail its
/// accepts (which the listener survives): .NET's socket engine was seen to fail fast when the thread pool could not
/// start a thread in that state (KafkaAcceptOutOfDescriptorsTests), so the connection limit must keep the node away from it.
/// </summary>
internal static class FileDescriptorLimit
{
    /// <summary>Descriptors the node needs besides its Kafka connections: the runtime, remoting, the journal's files, clients' sockets.</summary>
    public const int Reserve = 1024;

    /// <summary>Why <paramref name="maxConnections"/> is too many for this process's descriptor limit, or null (also where the limit is unknown).</summary>
    public static string? Check(int maxConnections, long? softLimit)
    {
        if (softLimit is not { } limit || maxConnections + (long)Reserve <= limit) return null;
        return $"{KafkaSettings.Section}.max-connections = {maxConnections} leaves fewer than {Reserve} of this process's {limit} file descriptors " +
               "(ulimit -n) to the rest of the node: a connection flood could use them up, and a .NET process out of descriptors may fail fast. " +
               "Lower max-connections or raise the limit.";
    }

    /// <summary>The process's soft RLIMIT_NOFILE from /proc/self/limits (.NET raises it to the hard limit at start); null where unknown.</summary>
    public static long? Soft()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return null;
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
