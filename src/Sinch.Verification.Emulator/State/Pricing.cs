using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// What the emulator says a verification costs: the <c>price</c> of status responses and the
/// <c>price</c> and <c>rate</c> of request events (verification-api.md §6, §9). One flat made-up
/// tariff for every number and method - the amounts of the spec's examples - because only the
/// shape matters to a client under test. With termination debiting (an account setting at
/// Sinch, <see cref="EmulatorOptions.TerminationDebiting"/> here) the calls of flash calls and
/// callouts are billed too.
/// </summary>
internal static class Pricing
{
    private const string Currency = "EUR";
    private const double VerificationAmount = 0.0453;

    // Per started minute of an answered call (how long: the method's behaviour says).
    private const double TerminationAmountPerMinute = 0.0083;

    /// <summary>The price of one verification (also the request event's <c>price</c> and <c>rate</c>).</summary>
    public static Money VerificationPrice() => new() { CurrencyId = Currency, Amount = VerificationAmount };

    /// <summary>The <c>price</c> of a status response.</summary>
    public static PriceBreakdown Of(VerificationSnapshot snapshot, bool terminationDebiting)
    {
        var price = new PriceBreakdown { VerificationPrice = VerificationPrice() };
        if (terminationDebiting && snapshot.Behaviour.IsCall)
        {
            var seconds = snapshot.Behaviour.BillableSeconds(snapshot);
            var minutes = (seconds + 59) / 60;
            price.TerminationPrice = new Money { CurrencyId = Currency, Amount = minutes * TerminationAmountPerMinute };
            price.BillableDuration = seconds;
        }

        return price;
    }
}
