using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorBroker.MultiNode;

/// <summary>
/// A real node process (<c>actorbroker node ...</c>) for out-of-process tests: started with <c>dotnet actorbroker.dll</c>,
/// its output captured line by line so tests can wait for lines such as "is Up", and ended by PID only: SIGKILL
/// (<see cref="Kill"/>) or SIGTERM (<see cref="TerminateAsync"/>, a graceful leave). Dispose kills it if still running.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private const int MaxKeptLines = 50_000;
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _lineAdded = new(0);

    private NodeProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line the node wrote so far (stdout and stderr, oldest lines dropped beyond a bound).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="cliDll"/> <paramref name="args"/></c>; by default the actorbroker.dll next to the test assembly.</summary>
    public static NodeProcess Start(IEnumerable<string> args, string? cliDll = null)
    {
        var dll = cliDll ?? Path.Combine(AppContext.BaseDirectory, "actorbroker.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The actorbroker CLI was not found at {dll}; reference ActorBroker.Cli from the test project", dll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) => node.Add(e.Data);
        process.ErrorDataReceived += (_, e) => node.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until a line matching <paramref name="pattern"/> appears; fails with the output so far on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var deadline = DateTime.UtcNow + timeout;
        var checkedLines = 0;
        while (true)
        {
            var lines = Output;
            for (; checkedLines < lines.Count; checkedLines++)
            {
                if (regex.IsMatch(lines[checkedLines])) return lines[checkedLines];
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || (_process.HasExited && !await _lineAdded.WaitAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false)))
            {
                throw new TimeoutException(
                    $"Node process {Pid} {(_process.HasExited ? $"exited ({_process.ExitCode})" : "is running")} without writing a line matching '{pattern}'. Output:\n{string.Join('\n', Output.TakeLast(60))}");
            }

            await _lineAdded.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or power loss.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
    }

    /// <summary>SIGTERM (a graceful leave for a node), then waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            if (kill is not null) await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        return await WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Node process {Pid} did not exit within {timeout.TotalSeconds:0} s. Output:\n{string.Join('\n', Output.TakeLast(60))}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _lineAdded.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Add(line);
            if (_lines.Count > MaxKeptLines) _lines.RemoveAt(0);
        }

        _lineAdded.Release();
    }
}
