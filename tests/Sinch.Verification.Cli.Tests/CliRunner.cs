using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Cli.Commands;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a fake environment.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null, o => VerificationClient.Create(o));
        var code = await CliApp.RunAsync(args, context, cancellationToken);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(null, CancellationToken.None, args);

}
