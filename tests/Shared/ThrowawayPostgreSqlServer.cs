using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorBroker.Testing;

/// <summary>Finds the machine's PostgreSQL server binaries (Debian keeps them off PATH).</summary>
internal static class PostgreSqlBinaries
{
    private static readonly Lazy<string?> BinDirectory = new(Locate);

    /// <summary>Directory holding initdb and pg_ctl, or null when there is none.</summary>
    public static string? Directory => BinDirectory.Value;

    private static string? Locate()
    {
        var candidates = new List<(Version Version, string Dir)>();
        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            foreach (var dir in System.IO.Directory.GetDirectories(debianRoot))
            {
                var name = Path.GetFileName(dir);
                var parsed = Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var v);
                if (parsed)
                {
                    candidates.Add((v!, Path.Combine(dir, "bin")));
                }
            }
        }

        var fromPgConfig = TryPgConfigBinDir();
        var ordered = candidates.OrderByDescending(c => c.Version).Select(c => c.Dir).ToList();
        if (fromPgConfig is not null)
        {
            ordered.Add(fromPgConfig);
        }

        return ordered.FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    private static string? TryPgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config not installed
        }
    }
}

/// <summary>
/// A throwaway PostgreSQL server, shared by the persistence tests and the benchmarks (this file is
/// linked into both): own data directory under the temp folder, 127.0.0.1 on a free port and a unix
/// socket in that folder, run as the <c>postgres</c> OS user when we are root (the server refuses root).
/// <c>durable: true</c> keeps fsync, synchronous_commit and full_page_writes on, so commits cost what they
/// cost in production; tests use <c>false</c>. If the server does not start, StartAsync throws with its log.
/// </summary>
internal sealed class ThrowawayPostgreSqlServer(bool durable) : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly bool _durable = durable;
    private string? _root;
    private string? _dataDir;
    private bool _started;

    public string ConnectionString { get; private set; } = "";

    public async Task StartAsync()
    {
        var bin = PostgreSqlBinaries.Directory;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found");
        }

        _root = Path.Combine(Path.GetTempPath(), "actorbroker-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", [ServiceUser, _root], asServiceUser: false);
        }

        _dataDir = Path.Combine(_root, "data");
        var log = Path.Combine(_root, "server.log");
        var port = FreePort();

        var init = await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", _dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], Environment.IsPrivilegedProcess);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed (exit {init.ExitCode}):\n{init.Output}");
        }

        var serverOptions = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {port} -k {_root} -c max_connections=200 {(_durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")}");
        var start = await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", _dataDir, "-l", log, "-w", "-t", "60", "-o", serverOptions, "start"], Environment.IsPrivilegedProcess);
        _started = true; // stop it in any case: a half-started server must not linger
        if (start.ExitCode != 0)
        {
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "(no server log written)";
            throw new InvalidOperationException(
                $"PostgreSQL server failed to start (pg_ctl exit {start.ExitCode}):\n{start.Output}\n--- server log ---\n{serverLog}");
        }

        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60");
    }

    public async ValueTask DisposeAsync()
    {
        var bin = PostgreSqlBinaries.Directory;
        if (_started && bin is not null && _dataDir is not null)
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "stop"], Environment.IsPrivilegedProcess);
        }

        if (_root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string exe, IReadOnlyList<string> args, bool asServiceUser)
    {
        var info = new ProcessStartInfo(asServiceUser ? "runuser" : exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var a in new[] { "-u", ServiceUser, "--", exe })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        // pg_ctl redirects the server to its log file, so the pipes close when the command exits;
        // the bound only guards against a server that kept them open after all.
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(30));
        var output = stdout.Result + stderr.Result;
        return (process.ExitCode, output);
    }
}
