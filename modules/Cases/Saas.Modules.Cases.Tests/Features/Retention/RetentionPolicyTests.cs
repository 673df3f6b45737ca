using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Tests.Features.Retention;

/// <summary>When a document may go: the rules from metadata, applied conservatively.</summary>
public sealed class RetentionPolicyTests
{
    private static readonly RetentionRule Departed = new("aufenthv-68", ["*"], [], RetentionTrigger.PersonDeparted, 10);
    private static readonly RetentionRule Appointments = new("termine", ["terminbestaetigung"], [], RetentionTrigger.DocumentCreated, 1);
    private static readonly RetentionRule Refused = new("abgelehnt", ["antrag"], ["abgelehnt"], RetentionTrigger.CaseClosed, 5);

    [Fact]
    public void TenYearsAfterThePersonLeft_ToTheEndOfThatYear()
    {
        var due = RetentionPolicy.DueDate(new RetentionFacts("pass", DateTimeOffset.Parse("2001-01-01T00:00:00Z"), new DateOnly(2012, 3, 5), null, null), [Departed]);
        due.ShouldBe((new DateOnly(2022, 12, 31), "aufenthv-68"));
    }

    [Fact]
    public void APersonWhoHasNotLeft_KeepsTheFile()
    {
        RetentionPolicy.DueDate(new RetentionFacts("pass", DateTimeOffset.Parse("2001-01-01T00:00:00Z"), null, null, null), [Departed]).ShouldBeNull();
    }

    [Fact]
    public void ARuleForTheType_TakesPrecedenceOverTheRuleForAll()
    {
        var due = RetentionPolicy.DueDate(new RetentionFacts("terminbestaetigung", DateTimeOffset.Parse("2024-06-01T00:00:00Z"), null, null, null), [Departed, Appointments]);
        due.ShouldBe((new DateOnly(2025, 12, 31), "termine"));
    }

    [Fact]
    public void AnOutcomeRule_AppliesOnlyToCasesClosedWithThatOutcome_OtherwiseTheGeneralRule()
    {
        var refused = new RetentionFacts("antrag", DateTimeOffset.Parse("2015-01-01T00:00:00Z"), new DateOnly(2030, 1, 1), DateTimeOffset.Parse("2016-02-01T00:00:00Z"), "abgelehnt");
        RetentionPolicy.DueDate(refused, [Departed, Refused]).ShouldBe((new DateOnly(2021, 12, 31), "abgelehnt"));

        var granted = refused with { CaseOutcome = "erteilt" };
        RetentionPolicy.DueDate(granted, [Departed, Refused]).ShouldBeNull();
    }

    [Fact]
    public void ADocumentNoRuleCovers_IsNeverDue()
    {
        RetentionPolicy.DueDate(new RetentionFacts("pass", DateTimeOffset.Parse("1990-01-01T00:00:00Z"), new DateOnly(1991, 1, 1), null, null), [Appointments]).ShouldBeNull();
    }
}
