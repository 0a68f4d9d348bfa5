using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Net.Http;
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
/// the emulator's signed events, and one full verification per method of the spec through the
/// SDK (start → outbox → report, or for seamless a GET on the target URI → status). Exit code 0
/// only if every one ends SUCCESSFUL with its signed result callback.
/// </summary>
internal static class DemoCommand
{
    public const string CallbackPath = "/sinch/verification";

    // One run per method the spec knows, in its order, each to its own number (+46700000101, ...).
    private static readonly (VerificationMethod Method, string Number)[] Runs =
        VerificationMethod.KnownValues.Select((method, i) => (method, "+46700000" + (101 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    public static Command Create(CliContext context)
    {
        var command = new Command(
            "demo",
            $"Start the embedded emulator and a callback endpoint (path {CallbackPath}) on free loopback ports, and run one verification per method ({string.Join(", ", Runs.Select(r => r.Method.Value))}) end to end (start, outbox, report or seamless target URI, status, signed callbacks). Exit 0 only if every one ends SUCCESSFUL. Needs no credentials.");
        command.SetAction((_, cancellationToken) => RunAsync(context, cancellationToken));
        command.Subcommands.Add(AttackCommand.Create(context));
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
            new EmulatorOptions { ApplicationKey = key, ApplicationSecret = secret, CallbackUrl = callbackUrl, SmsDeliveredEvents = true }, cancellationToken).ConfigureAwait(false);
        using var client = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = key, ApplicationSecret = secret, BaseUrl = emulator.BaseUrl });

        // The phone's side of a seamless verification: a plain GET over "mobile data", no credentials.
        using var phone = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        await context.Out.WriteLineAsync($"emulator: {emulator.BaseUrl}   callbacks: {callbackUrl}").ConfigureAwait(false);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        var rows = new List<string[]> { new[] { "method", "number", "reached the phone", "report", "final status", "signed callbacks" } };
        var allSuccessful = true;
        foreach (var (method, number) in Runs)
        {
            var started = await client.StartVerificationAsync(StartVerificationRequest.For(method, number, reference: "demo-" + method), cancellationToken: cancellationToken).ConfigureAwait(false);
            var message = emulator.Outbox.GetByVerificationId(started.Id)
                ?? throw new InvalidOperationException($"the emulator sent nothing for the {method} verification");
            // A method with a report object in the spec is reported; seamless has none: the phone GETs its target URI.
            string reported;
            if (ReportVerificationRequest.MethodMemberOf(method) is not null)
            {
                var report = ReportVerificationRequest.For(method, message.Code);
                reported = (await client.ReportVerificationByIdAsync(started.Id, report, cancellationToken).ConfigureAwait(false)).Status.Value;
            }
            else
            {
                var target = started.Seamless?.TargetUri ?? throw new InvalidOperationException($"the {method} start answered no seamless.targetUri");
                using var answer = await phone.GetAsync(target, cancellationToken).ConfigureAwait(false);
                reported = answer.IsSuccessStatusCode ? "GET target URI" : $"GET target URI: HTTP {(int)answer.StatusCode}";
            }

            await emulator.WaitForCallbacksAsync(cancellationToken).ConfigureAwait(false);
            var status = await client.GetVerificationByIdAsync(started.Id, cancellationToken).ConfigureAwait(false);

            var received = events.TryGetValue(started.Id, out var list) ? list : new List<string>();
            var successful = status.Status == VerificationStatus.Successful && received.Contains("result:SUCCESSFUL");
            allSuccessful &= successful;
            rows.Add(new[]
            {
                method.Value,
                PhoneNumbers.Mask(number),
                message.Summary,
                reported,
                status.Status.Value,
                received.Count == 0 ? "none" : string.Join(", ", received),
            });
        }

        PrintTable(context.Out, rows);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        await context.Out.WriteLineAsync(allSuccessful
            ? $"all {Runs.Length} verifications SUCCESSFUL ({string.Join(", ", Runs.Select(r => r.Method.Value))})"
            : "FAILED: not every verification ended SUCCESSFUL with its signed callbacks").ConfigureAwait(false);
        return allSuccessful ? CliApp.Ok : CliApp.ApiError;
    }

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
            },
            onSmsDelivered: (delivery, _) =>
            {
                Record(delivery.Id, "delivered");
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
