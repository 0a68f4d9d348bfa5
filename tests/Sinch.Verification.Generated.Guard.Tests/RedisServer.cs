using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Sinch.Verification.Generated.Guard.Tests;

/// <summary>
/// A real redis-server for the tests that share the guard across instances: the one named by
/// SINCH_GUARD_TEST_REDIS (host:port), or one this class starts on a free loopback port from the
/// redis-server on PATH (Debian's package; .ci/run installs it). Without either, those tests are
/// inconclusive and say why: the guard's shared mode is never tested against a fake.
/// </summary>
[TestClass]
public static class RedisServer
{
    private static Process? s_process;

    /// <summary>A connection string to the test Redis, or null with <see cref="Missing"/> saying why.</summary>
    public static string? Configuration { get; private set; }

    public static string Missing { get; private set; } = "not started";

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        if (Environment.GetEnvironmentVariable("SINCH_GUARD_TEST_REDIS") is { Length: > 0 } given)
        {
            Configuration = given;
            return;
        }

        var binary = FindOnPath("redis-server");
        if (binary is null)
        {
            Missing = "no redis-server on PATH and SINCH_GUARD_TEST_REDIS is not set: install Debian's redis-server package (.ci/run does)";
            return;
        }

        var port = FreePort();
        s_process = Process.Start(new ProcessStartInfo(binary, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        s_process!.OutputDataReceived += (_, _) => { };
        s_process.BeginOutputReadLine();
        s_process.BeginErrorReadLine();

        // Ready when it answers PING (it takes a few milliseconds; allow a slow machine 30 s).
        var configuration = $"127.0.0.1:{port},abortConnect=false";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
                await connection.GetDatabase().PingAsync();
                Configuration = configuration;
                return;
            }
            catch (RedisException)
            {
                await Task.Delay(50);
            }
        }

        Missing = $"redis-server did not answer on port {port} within 30 s";
    }

    [AssemblyCleanup]
    public static void Stop()
    {
        if (s_process is { HasExited: false })
        {
            s_process.Kill();
            s_process.WaitForExit(5000);
        }
    }

    /// <summary>The test Redis, or an inconclusive test that says what is missing.</summary>
    public static string Require() => Configuration ?? throw new AssertInconclusiveException("Redis is needed: " + Missing);

    /// <summary>A key prefix of its own per test: tests share one Redis.</summary>
    public static string NewKeyPrefix() => "guard-test-" + Guid.NewGuid().ToString("N");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
