using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.AspNetCore;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Cli.Commands;

/// <summary>
/// The main job: the embedded emulator on a free loopback port, a callback endpoint that checks
/// the emulator's signed events, and a full sms, flash call and callout verification through the
/// SDK (start → outbox → report → status). Exit code 0 only if all three end SUCCESSFUL.
/// </summary>
internal static class DemoCommand
{
    public const string CallbackPath = "/sinch/verification";

    private static readonly (VerificationMethod Method, string Number)[] Runs =
    {
        (VerificationMethod.Sms, "+46700000101"),
        (VerificationMethod.FlashCall, "+46700000102"),
        (VerificationMethod.Callout, "+46700000103"),
    };

    public static Command Create(CliContext context)
    {
        var command = new Command(
            "demo",
            $"Start the embedded emulator and a callback endpoint (path {CallbackPath}) on free loopback ports, and run an sms, a flashcall and a callout verification end to end (start, outbox, report, status, signed callbacks). Exit 0 only if all three end SUCCESSFUL. Needs no credentials.");
        command.SetAction((_, cancellationToken) => RunAsync(context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        const string key = "demo-application";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)); // fresh per run, never shown
        var events = new ConcurrentDictionary<string, List<string>>();

        await using var callbacks = await StartCallbackEndpointAsync(key, secret, events, cancellationToken).ConfigureAwait(false);
        var callbackUrl = new Uri(callbacks.Urls.First().TrimEnd('/') + CallbackPath);
        await using var emulator = await VerificationEmulator.StartAsync(
            new EmulatorOptions { ApplicationKey = key, ApplicationSecret = secret, CallbackUrl = callbackUrl }, cancellationToken).ConfigureAwait(false);
        using var client = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = key, ApplicationSecret = secret, BaseUrl = emulator.BaseUrl });

        await context.Out.WriteLineAsync($"emulator: {emulator.BaseUrl}   callbacks: {callbackUrl}").ConfigureAwait(false);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        var rows = new List<string[]> { new[] { "method", "number", "reached the phone", "report", "final status", "signed callbacks" } };
        var allSuccessful = true;
        foreach (var (method, number) in Runs)
        {
            var started = await client.StartVerificationAsync(StartVerificationRequest.For(method, number, reference: "demo-" + method), cancellationToken: cancellationToken).ConfigureAwait(false);
            var message = emulator.Outbox.GetByVerificationId(started.Id)
                ?? throw new InvalidOperationException($"the emulator sent nothing for the {method} verification");
            var report = method == VerificationMethod.FlashCall ? ReportVerificationRequest.ForFlashCall(message.Code)
                : method == VerificationMethod.Sms ? ReportVerificationRequest.ForSms(message.Code)
                : ReportVerificationRequest.ForCallout(message.Code);
            var reported = await client.ReportVerificationByIdAsync(started.Id, report, cancellationToken).ConfigureAwait(false);
            await emulator.WaitForCallbacksAsync(cancellationToken).ConfigureAwait(false);
            var status = await client.GetVerificationByIdAsync(started.Id, cancellationToken).ConfigureAwait(false);

            var received = events.TryGetValue(started.Id, out var list) ? list : new List<string>();
            var successful = status.Status == VerificationStatus.Successful && received.Contains("result:SUCCESSFUL");
            allSuccessful &= successful;
            rows.Add(new[]
            {
                method.Value,
                PhoneNumbers.Mask(number),
                Describe(method, message),
                reported.Status.Value,
                status.Status.Value,
                received.Count == 0 ? "none" : string.Join(", ", received),
            });
        }

        PrintTable(context.Out, rows);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        await context.Out.WriteLineAsync(allSuccessful
            ? "all three verifications SUCCESSFUL"
            : "FAILED: not every verification ended SUCCESSFUL with its signed callbacks").ConfigureAwait(false);
        return allSuccessful ? CliApp.Ok : CliApp.ApiError;
    }

    // What the user's phone would have shown, without the code itself (a PIN is a secret).
    private static string Describe(VerificationMethod method, OutboxMessage message) =>
        method == VerificationMethod.Sms ? $"SMS with a {message.Code.Length}-digit code"
        : method == VerificationMethod.FlashCall ? $"missed call from {PhoneNumbers.Mask(message.Code)}"
        : $"call speaking a {message.Code.Length}-digit code";

    private static async Task<WebApplication> StartCallbackEndpointAsync(
        string key, string secret, ConcurrentDictionary<string, List<string>> events, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSinchVerificationCallbacks(o => o.AddApplication(key, secret));
        var app = builder.Build();
        void Record(string id, string what) => events.AddOrUpdate(id, _ => new List<string> { what }, (_, list) => { lock (list) list.Add(what); return list; });

        // Only events whose signature and timestamp validate reach these delegates.
        app.MapSinchVerificationCallbacks(
            CallbackPath,
            onRequest: (request, _) =>
            {
                Record(request.Id, "request");
                return Task.FromResult(VerificationCallbackReply.Allow());
            },
            onResult: (result, _) =>
            {
                Record(result.Id, "result:" + result.Status);
                return Task.CompletedTask;
            });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    private static void PrintTable(System.IO.TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            output.WriteLine(string.Join("  ", rows[i].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0)
            {
                output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }
}
