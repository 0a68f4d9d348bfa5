using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Diagnostics;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sinch.Verification.Docs.Tests;

/// <summary>
/// Compiles a snippet as a top-level-statements program, the way a new console app
/// (<c>dotnet new console</c>) or web app (<c>dotnet new web</c>) would: the SDK's implicit usings,
/// nullable on, and as references the assemblies this test runs with (the shared frameworks, the
/// SDK's packages and their dependencies), which are what such an app gets from its package
/// references.
/// </summary>
public static class SnippetCompiler
{
    // What Microsoft.NET.Sdk's ImplicitUsings adds for a console app ...
    private static readonly string[] ConsoleUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http",
        "System.Threading", "System.Threading.Tasks",
    ];

    // ... and what Microsoft.NET.Sdk.Web adds on top.
    private static readonly string[] WebUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    /// <summary>The compiled program, or the compiler's errors as "file(line,col): CSxxxx: message".</summary>
    public static (byte[]? Assembly, IReadOnlyList<string> Errors) Compile(ReadmeSnippet snippet) =>
        Compile(snippet.Code, snippet.IsWebApp, snippet.ToString());

    public static (byte[]? Assembly, IReadOnlyList<string> Errors) Compile(string code, bool webApp, string name)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = webApp ? ConsoleUsings.Concat(WebUsings) : ConsoleUsings;
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(string.Concat(usings.Select(u => $"global using global::{u};\n")), parse, "GlobalUsings.g.cs"),
            CSharpSyntaxTree.ParseText(code, parse, "Program.cs"),
        };
        var compilation = CSharpCompilation.Create(
            "Snippet_" + Guid.NewGuid().ToString("N"),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetMappedLineSpan();
                return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage()}";
            })
            .ToList();
        return (result.Success ? stream.ToArray() : null, errors);
    }

    /// <summary>Runs a compiled program's entry point in a collectible load context and returns what it wrote to the console.</summary>
    public static async Task<string> RunAsync(byte[] assembly, TimeSpan timeout)
    {
        var context = new AssemblyLoadContext("readme-snippet", isCollectible: true);
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            var entry = context.LoadFromStream(new MemoryStream(assembly)).EntryPoint
                ?? throw new InvalidOperationException("The snippet has no entry point.");
            var parameters = entry.GetParameters().Length == 0 ? null : new object?[] { Array.Empty<string>() };
            object? returned;
            try
            {
                returned = entry.Invoke(null, parameters);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }

            if (returned is Task task)
            {
                await task.WaitAsync(timeout);
            }

            return output.ToString();
        }
        finally
        {
            Console.SetOut(original);
            context.Unload();
        }
    }

    /// <summary>
    /// Runs a compiled web app (whose <c>app.Run()</c> blocks until the host stops) with
    /// <paramref name="args"/> on its own thread, runs <paramref name="whileListening"/> once it
    /// has started, then stops it. The host is found as WebApplicationFactory finds one: through
    /// the "HostBuilt" event of the hosting DiagnosticListener, picked by its <c>urls</c> setting.
    /// </summary>
    public static async Task RunWebAppAsync(byte[] assembly, string[] args, string urls, Func<Task> whileListening, TimeSpan timeout)
    {
        var context = new AssemblyLoadContext("readme-web-app", isCollectible: true);
        var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new HostBuiltObserver(urls, built));
        var entry = context.LoadFromStream(new MemoryStream(assembly)).EntryPoint
            ?? throw new InvalidOperationException("The snippet has no entry point.");
        var running = Task.Factory.StartNew(() => entry.Invoke(null, new object?[] { args }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (await Task.WhenAny(built.Task, running).WaitAsync(timeout) != built.Task)
            {
                await running; // throws what the app threw before its host was built
                throw new InvalidOperationException("The web app ended before its host was built.");
            }

            var host = await built.Task;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await Task.WhenAny(started.Task, running).WaitAsync(timeout);
            }

            if (running.IsCompleted)
            {
                await running; // throws what the app threw at start-up
            }

            try
            {
                await whileListening();
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).WaitAsync(timeout);
                await running.WaitAsync(timeout);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class HostBuiltObserver(string urls, TaskCompletionSource<IHost> built) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilt" && value.Value is IHost host && host.Services.GetService<IConfiguration>()?["urls"] == urls)
            {
                built.TrySetResult(host);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
