using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Tests.Features.LegacyDigitisation;

/// <summary>The rules of the quality check, without a database: sample rate from history, sample size and draw, box lifecycle.</summary>
public sealed class QaSampleRateTests
{
    private static readonly QaSettings Settings = QaSettings.Default;

    private static DecidedBatch Good(decimal rate) => new(rate, 0.01m);

    [Fact]
    public void WithoutHistory_TheStartRateApplies()
    {
        QaSampleRate.Next([], Settings).Rate.ShouldBe(0.20m);
    }

    [Fact]
    public void AfterThreeGoodBatches_TheRateIsHalved_AndOnlyAfterThreeMoreAgain()
    {
        QaSampleRate.Next([Good(0.20m), Good(0.20m)], Settings).Rate.ShouldBe(0.20m);
        var halved = QaSampleRate.Next([Good(0.20m), Good(0.20m), Good(0.20m)], Settings);
        halved.Rate.ShouldBe(0.10m);
        halved.Reason.ShouldContain("halved");

        // One good batch at the new rate does not halve again, though the last three were all good.
        QaSampleRate.Next([Good(0.10m), Good(0.20m), Good(0.20m)], Settings).Rate.ShouldBe(0.10m);
        QaSampleRate.Next([Good(0.10m), Good(0.10m), Good(0.10m)], Settings).Rate.ShouldBe(0.05m);
    }

    [Fact]
    public void TheRateNeverFallsBelowTheFloor()
    {
        QaSampleRate.Next([Good(0.05m), Good(0.05m), Good(0.05m)], Settings).Rate.ShouldBe(0.05m);
        var settings = Settings with { StartRate = 0.16m };
        QaSampleRate.Next([Good(0.08m), Good(0.08m), Good(0.08m)], settings).Rate.ShouldBe(0.05m);
    }

    [Fact]
    public void AfterABadBatch_TheStartRateAppliesAgain()
    {
        var decision = QaSampleRate.Next([new DecidedBatch(0.05m, 0.10m), Good(0.05m), Good(0.05m)], Settings);
        decision.Rate.ShouldBe(0.20m);
        decision.Reason.ShouldContain("start rate again");
    }

    [Fact]
    public void ABatchBetweenGoodAndBad_KeepsTheRate()
    {
        QaSampleRate.Next([new DecidedBatch(0.10m, 0.03m), Good(0.10m), Good(0.10m)], Settings).Rate.ShouldBe(0.10m);
    }

    [Theory]
    [InlineData("0.20", 6, 2)]
    [InlineData("0.20", 5, 1)]
    [InlineData("0.20", 1, 1)]
    [InlineData("0.05", 3, 1)]
    [InlineData("0.10", 101, 11)]
    [InlineData("1", 7, 7)]
    public void TheSampleIsCeilOfRateTimesDocuments_AtLeastOne(string rate, int documents, int expected)
    {
        QaSampleRate.SampleSize(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), documents).ShouldBe(expected);
    }

    [Fact]
    public void TheSample_IsReproducibleFromItsSeed_AndDependsOnIt()
    {
        var paths = Enumerable.Range(1, 50).Select(i => $"F/{i:D4}.pdf").ToList();
        var seed = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
        var first = QaSampler.Draw(seed, paths, 10);
        first.Count.ShouldBe(10);
        QaSampler.Draw(seed, paths.AsEnumerable().Reverse(), 10).ShouldBe(first, ignoreOrder: true);
        QaSampler.Draw(QaSampler.NewSeed(), paths, 10).SetEquals(first).ShouldBeFalse();
    }

    [Fact]
    public void TheVerdict_AcceptsUpToTheLimit()
    {
        QaVerdict.Accept(QaVerdict.DefectRate(1, 20), 0.05m).ShouldBeTrue();
        QaVerdict.Accept(QaVerdict.DefectRate(2, 20), 0.05m).ShouldBeFalse();
    }

    [Theory]
    [InlineData("packed", "sent", true)]
    [InlineData("sent", "returned", true)]
    [InlineData("sent", "in-qa", true)]
    [InlineData("returned", "in-qa", true)]
    [InlineData("in-qa", "accepted", true)]
    [InlineData("in-qa", "rejected", true)]
    [InlineData("rejected", "sent", true)]
    [InlineData("packed", "returned", false)]
    [InlineData("packed", "in-qa", false)]
    [InlineData("accepted", "sent", false)]
    [InlineData("in-qa", "in-qa", false)]
    public void BoxTransitions(string from, string to, bool allowed)
    {
        BoxLifecycle.CanMove(from, to).ShouldBe(allowed);
    }

    [Fact]
    public void Crc32_IsZipsChecksum()
    {
        Crc32.Finish(Crc32.Append(Crc32.Start, "123456789"u8)).ShouldBe(0xCBF43926u);
    }
}
