using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// A real redis-server for the tests of the verification guard's shared mode: the one named by
/// SINCH_GUARD_TEST_REDIS (host:port; .ci/run starts one from Debian's redis-server package), or
/// one started here on a free loopback port from the redis-server on PATH, once per test process
/// and stopped with it. Without either, those tests are inconclusive and say why: the shared mode
/// is never tested against a fake.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<Task<(string? Address, string Missing)>> Started = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The test Redis as <c>host:port</c>, or an inconclusive test that says what is missing.</summary>
    public static async Task<string> RequireAsync()
    {
        var (address, missing) = await Started.Value.ConfigureAwait(false);
        return address ?? throw new InvalidOperationException("Redis is needed: " + missing);
    }

    /// <summary>A key prefix of its own per test: tests share one Redis.</summary>
    public static string NewKeyPrefix() => "guard-test-" + Guid.NewGuid().ToString("N");

    private static async Task<(string?, string)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SINCH_GUARD_TEST_REDIS") is { Length: > 0 } given)
        {
            return (given, string.Empty);
        }

        var binary = FindOnPath("redis-server");
        if (binary is null)
        {
            return (null, "no redis-server on PATH and SINCH_GUARD_TEST_REDIS is not set: install Debian's redis-server package (.ci/run does)");
        }

        var port = Ports.Free();
        var process = Process.Start(new ProcessStartInfo(binary, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!process.HasExited) process.Kill();
        };

        // Ready when it answers PING (a few milliseconds; a busy machine gets 30 s).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await PongAsync(port).ConfigureAwait(false))
            {
                return ($"127.0.0.1:{port}", string.Empty);
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return (null, $"redis-server did not answer on port {port} within 30 s");
    }

    private static async Task<bool> PongAsync(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n")).ConfigureAwait(false);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }


    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
