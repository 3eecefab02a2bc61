namespace ActorBroker.FaultTests.Cluster;

/// <summary>
/// One cgroup (v2) per node process, so iptables can tell the nodes' packets apart. Addresses alone cannot: a node
/// listens on its own loopback address, but its outgoing connections leave from 127.0.0.1 (the transport binds no
/// source address), so <c>-s 127.0.0.2 -d 127.0.0.3</c> matches nothing a node sends. A socket is tagged with the
/// cgroup of the process that opens it, and iptables' <c>-m cgroup --path</c> matches that tag in OUTPUT.
/// </summary>
public sealed class NodeCgroups
{
    public const string Parent = "actorbroker-faults";
    private readonly string _mount;

    private NodeCgroups(string mount) => _mount = mount;

    /// <summary>The cgroup v2 hierarchy, or the reason it cannot be used.</summary>
    public static (NodeCgroups? Cgroups, string? Problem) Open()
    {
        var mount = File.Exists("/proc/mounts")
            ? File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1]
            : null;
        if (mount is null) return (null, "no cgroup2 hierarchy is mounted (see /proc/mounts)");
        try
        {
            var cgroups = new NodeCgroups(mount);
            Directory.CreateDirectory(Path.Combine(mount, Parent));
            return (cgroups, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot create a cgroup under {mount}: {e.Message}");
        }
    }

    /// <summary>The path iptables matches (relative to the cgroup2 root) for node <paramref name="index"/>.</summary>
    public static string PathOf(int index) => $"{Parent}/node-{index}";

    /// <summary>Moves a just-started node process into its node's cgroup, before it opens its sockets.</summary>
    public void Move(int index, int pid) =>
        File.WriteAllText(Path.Combine(Ensure(index), "cgroup.procs"), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Creates node <paramref name="index"/>'s cgroup if it does not exist (iptables refuses a rule naming a missing one); returns its directory.</summary>
    public string Ensure(int index)
    {
        var directory = Path.Combine(_mount, PathOf(index));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Removes the node cgroups that no longer hold a process (those of a crashed earlier run too), then their parent if empty.</summary>
    public void RemoveEmpty()
    {
        var parent = Path.Combine(_mount, Parent);
        if (!Directory.Exists(parent)) return;
        foreach (var directory in Directory.GetDirectories(parent).Append(parent))
        {
            try
            {
                // A cgroup is removed with rmdir even though it lists files: they are the kernel's interface, not contents.
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // Still holds a process: left for the next run's cleanup.
            }
        }
    }
}
