using System;
using System.Threading;
using Sinch.Verification.Cli;
using Sinch.Verification.Cli.Commands;

// Ctrl+C stops long-running commands (emulator, callbacks listen) cleanly instead of killing them;
// they then exit 130. SIGTERM reaches them through the host's lifetime.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await CliApp.RunAsync(args, CliContext.Console(), stop.Token);
