using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace Sinch.Verification.Cli.Tests;

/// <summary>
/// The CLI as a real process, for what in-process runs cannot show: what reaches the process's
/// stdout (host log lines included) and how it ends on a signal.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    public const int SigInt = 2, SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    private CliProcess(params string[] args)
    {
        // The CLI's assembly and runtimeconfig are copied next to the tests by the project reference.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sinch-verification.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    /// <summary>Waits until stdout holds <paramref name="text"/> (a banner), rather than guessing a delay.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        for (var i = 0; i < 600 && !Out.Contains(text, StringComparison.Ordinal); i++)
        {
            Assert.IsFalse(_process.HasExited, "the process ended early: " + Out);
            await Task.Delay(50);
        }

        StringAssert.Contains(Out, text);
    }

    public static CliProcess Start(params string[] args) => new(args);

    public static bool CanSignal => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Sends a signal (SIGINT as Ctrl+C would, SIGTERM as kill and service managers do) and waits for the exit.</summary>
    public async Task<(int ExitCode, string Out, string Error)> StopAsync(int signal)
    {
        Assert.AreEqual(0, Kill(_process.Id, signal), "kill(2) failed");
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token); // also waits for the redirected streams to end
        lock (_error)
        {
            return (_process.ExitCode, Out, _error.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.Append(line).Append('\n');
            }
        }
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>; fails at once, with its stderr, if <paramref name="child"/> exits first.</summary>
    public static async Task WaitForPortAsync(int port, CliProcess? child = null)
    {
        for (var i = 0; i < 600; i++)
        {
            if (child is { _process.HasExited: true })
            {
                string error;
                lock (child._error)
                {
                    error = child._error.ToString();
                }

                Assert.Fail($"the CLI exited with {child._process.ExitCode} before listening on port {port}: {error}");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail("nothing started on port " + port);
    }

    // DllImport, not LibraryImport: the latter needs unsafe code for this one int-only call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
