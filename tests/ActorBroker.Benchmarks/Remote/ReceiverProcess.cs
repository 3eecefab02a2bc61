using System.Diagnostics;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// A <see cref="ReceiverNode"/> child: this same benchmark executable (or <c>dotnet</c> with this dll) in a
/// receiver mode. Disposing closes its stdin, waits briefly, then kills it by its process id.
/// </summary>
internal sealed class ReceiverProcess : IDisposable
{
    private readonly Process _process;

    private ReceiverProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>What the child printed after the ready marker: its actor system address or its raw port.</summary>
    public string Endpoint { get; }

    /// <summary>CPU time the child has used so far (user plus system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ReceiverProcess> StartAsync(params string[] args)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under `dotnet ActorBroker.Benchmarks.dll` the process is the host, which needs the dll again.
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {processPath}");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            // Bounded: the child prints a few log lines at most before the marker, and the timeout ends the wait.
            for (var line = 0; line < 1000; line++)
            {
                var text = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"the receiver ({string.Join(' ', args)}) exited before it was ready");
                if (text.StartsWith(ReceiverNode.ReadyMarker, StringComparison.Ordinal))
                {
                    _ = ForwardOutputAsync(process);
                    return new ReceiverProcess(process, text[ReceiverNode.ReadyMarker.Length..].Trim());
                }

                Console.Error.WriteLine($"[receiver] {text}");
            }

            throw new InvalidOperationException("the receiver printed no ready marker");
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5))) process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    // Whatever the child logs later (warnings, dead letters) goes to our stderr; it ends when the child does.
    private static async Task ForwardOutputAsync(Process process)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line) Console.Error.WriteLine($"[receiver] {line}");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
