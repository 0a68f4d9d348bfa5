using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Cli.Tests;

/// <summary><c>demo attack</c>: the guard against an SMS pumping attack, in one process and across instances sharing a real Redis.</summary>
[TestClass]
public sealed class AttackTests
{
    private static readonly Regex Summary = new(@"^attack: sent=(\d+) blocked=(\d+) legit_verified=(\d+)/(\d+) cost_without_guard=(\d+\.\d\d) cost_with_guard=(\d+\.\d\d) ([A-Z]{3})$", RegexOptions.Multiline);

    [TestMethod]
    public async Task The_guard_blocks_at_least_95_percent_of_the_attack_and_verifies_at_least_99_percent_of_the_users_in_one_instance()
    {
        var result = await CliRunner.RunAsync("demo", "attack");

        AssertGoalsMet(result);
    }

    [TestMethod]
    public async Task Two_instances_sharing_a_real_Redis_hold_the_same_limits()
    {
        string redis;
        try
        {
            redis = await RedisServer.RequireAsync();
        }
        catch (InvalidOperationException e)
        {
            Assert.Inconclusive(e.Message);
            return;
        }

        var shared = await CliRunner.RunAsync("demo", "attack", "--instances", "2", "--redis", redis);
        var alone = await CliRunner.RunAsync("demo", "attack");

        var (sharedAllowed, aloneAllowed) = (Allowed(AssertGoalsMet(shared)), Allowed(AssertGoalsMet(alone)));
        Assert.AreEqual(aloneAllowed, sharedAllowed, "two instances on one Redis let exactly as many attack starts through as one instance: the limits and the breaker are shared");
        StringAssert.Contains(shared.Out, "through Redis at " + redis);
    }

    [TestMethod]
    [DataRow("--instances", "0")]
    [DataRow("--redis", "no-port")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var result = await CliRunner.RunAsync("demo", "attack", option, value);

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.Contains(result.Error, option);
    }

    private static Match AssertGoalsMet(CliRunner.Result result)
    {
        Assert.AreEqual(0, result.ExitCode, result.All);
        var summary = Summary.Match(result.Out);
        Assert.IsTrue(summary.Success, "the last line is the summary: " + result.Out);
        Assert.AreEqual(summary.Value, result.Out.TrimEnd().Split('\n').Last().TrimEnd(), "the summary is the last line");
        int Number(int group) => int.Parse(summary.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(1000, Number(1), "at least 1,000 attack starts");
        Assert.IsGreaterThanOrEqualTo(0.95 * Number(1), (double)Number(2), "at least 95% blocked");
        Assert.IsGreaterThanOrEqualTo(100, Number(4), "at least 100 legitimate users");
        Assert.IsGreaterThanOrEqualTo(0.99 * Number(4), (double)Number(3), "at least 99% of them verified");
        Assert.IsLessThan(decimal.Parse(summary.Groups[5].Value, CultureInfo.InvariantCulture), decimal.Parse(summary.Groups[6].Value, CultureInfo.InvariantCulture), "the guard saves money");
        return summary;
    }

    private static int Allowed(Match summary) =>
        int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) - int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
}
