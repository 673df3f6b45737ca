using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Saas.Host;
using Saas.Platform.Hosting;
using Saas.Platform.Mail;
using Saas.Platform.Outbox;
using Saas.Platform.Tests.Outbox;
using Saas.Platform.Tests.Tenancy;

namespace Saas.Platform.Tests.Mail;

/// <summary>
/// E-mail notifications (issue 14, item 6; docs/adr/0034): written with the change that causes them, sent from the
/// outbox over real SMTP to maildev, in the recipient's language, with nothing in them but the authority's name and a
/// link to the platform — never a link elsewhere, and nothing sent for a change that rolled back.
/// </summary>
[Collection(SharedOutbox.Name)]
public sealed class MailNotificationTests : IAsyncLifetime
{
    private const string PublicBase = "https://portal.example/";
    private ServiceProvider services = null!;
    private TestDatabase db = null!;

    private ICurrentTenant Current => services.GetRequiredService<ICurrentTenant>();

    public async Task InitializeAsync()
    {
        TestMail.Current.ShouldNotBeNull("maildev is not installed: run scripts/mail.sh install");
        db = await KernelNotes.EnsureAsync();
        services = Host(db, TestMail.Current!.Settings);
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    private static ServiceProvider Host(TestDatabase db, IReadOnlyDictionary<string, string?> mail)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Application"] = db.ApplicationConnectionString,
            ["Saas:PublicBaseUrl"] = PublicBase,
        };
        foreach (var (key, value) in mail)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        return collection.BuildServiceProvider();
    }

    [Fact]
    public async Task ANotification_IsSentOverSmtp_InTheRecipientsLanguage_WithOnlyTheAuthorityAndTheLink()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var german = TestMail.NewAddress("de");
        var english = TestMail.NewAddress("en");
        var link = new Uri($"{PublicBase}t/{tenant.Key}/");
        var sent = await NotifyAsync(tenant, german, "de", link);
        await NotifyAsync(tenant, english, "en", link);

        await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();

        var mail = (await TestMail.WaitForAsync(german)).ShouldHaveSingleItem();
        mail.GetProperty("subject").GetString().ShouldBe($"Testnachricht von {tenant.Name}");
        var text = mail.GetProperty("text").GetString()!.Replace("\r\n", "\n", StringComparison.Ordinal);
        text.ShouldBe($"Der E-Mail-Versand der Plattform für {tenant.Name} funktioniert. Der Link führt zur Startseite der Behörde.\n\n{link.AbsoluteUri}\n\n"
            + $"Diese Nachricht hat {tenant.Name} automatisch versandt. Bitte antworten Sie nicht auf diese E-Mail; Ihre Angaben finden Sie nur hinter dem Link.\n");
        var from = mail.GetProperty("from").EnumerateArray().Single();
        from.GetProperty("name").GetString().ShouldBe(tenant.Name);
        from.GetProperty("address").GetString().ShouldBe("no-reply@plattform.example");
        Header(mail, "content-language").ShouldBe("de");
        Header(mail, "auto-submitted").ShouldBe("auto-generated");
        Header(mail, "message-id").ShouldBe($"<{sent.EventId:N}@plattform.example>", "a redelivery carries the same id");

        var inEnglish = (await TestMail.WaitForAsync(english)).ShouldHaveSingleItem();
        inEnglish.GetProperty("subject").GetString().ShouldBe($"Test message from {tenant.Name}");
        Header(inEnglish, "content-language").ShouldBe("en");
        (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages WHERE dispatched_at IS NULL")).ShouldBe(0);
    }

    [Fact]
    public async Task ALinkToAnotherSite_IsNeverSent_AndTheNotificationWaitsWithItsReason()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var to = TestMail.NewAddress("phish");
        await NotifyAsync(tenant, to, "de", new Uri("https://portal.example.evil.test/t/" + tenant.Key + "/"));

        await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();

        (await TestMail.Current!.ToAsync(to)).ShouldBeEmpty();
        (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages WHERE dispatched_at IS NULL AND last_error LIKE '%not the platform''s own address%'")).ShouldBe(1);
    }

    [Fact]
    public async Task ARolledBackChange_SendsNothing()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var to = TestMail.NewAddress("rollback");
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            await using var tx = await context.Database.BeginTransactionAsync();
            context.AddMailNotification(TimeProvider.System, to, "de", "platform.mail.test", new Uri($"{PublicBase}t/{tenant.Key}/"));
            await context.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();
        (await TestMail.Current!.ToAsync(to)).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutAnSmtpServer_TheNotificationWaits_AndIsSentOnceThereIsOne()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var to = TestMail.NewAddress("later");
        await using (var unconfigured = Host(db, new Dictionary<string, string?>()))
        {
            var current = unconfigured.GetRequiredService<ICurrentTenant>();
            using (current.Begin(tenant))
            {
                await using var context = KernelNotes.CreateContext(unconfigured.GetRequiredService<AppDataSource>().DataSource, current, unconfigured.GetRequiredService<TenantSession>());
                context.AddMailNotification(TimeProvider.System, to, "de", "platform.mail.test", new Uri($"{PublicBase}t/{tenant.Key}/"));
                await context.SaveChangesAsync();
            }

            await unconfigured.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();
        }

        (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages WHERE dispatched_at IS NULL AND last_error LIKE '%Mail:Host is not configured%'")).ShouldBe(1);
        (await TestMail.Current!.ToAsync(to)).ShouldBeEmpty();

        // The retry is due after its back-off; make it due now, as time would.
        using (Current.Begin(tenant))
        {
            await using var connection = await services.GetRequiredService<AppDataSource>().OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE platform.outbox_messages SET next_attempt_at = now() - interval '1 second' WHERE dispatched_at IS NULL", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();
        (await TestMail.WaitForAsync(to)).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("not-an-address", "platform.mail.test", "https://portal.example/")]
    [InlineData("a@example.org", "Betreff: Ihr Antrag", "https://portal.example/")]
    [InlineData("a@example.org", "platform.mail.test", "javascript:alert(1)")]
    [InlineData("a@example.org", "platform.mail.test", "https://user:secret@portal.example/")]
    public async Task WhatCannotBeANotification_IsRefusedBeforeItIsWritten(string to, string kind, string link)
    {
        var tenant = await TestTenants.CreateAsync(db);
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            Should.Throw<ArgumentException>(() => context.AddMailNotification(TimeProvider.System, to, "de", kind, new Uri(link)));
        }
    }

    private async Task<MailNotification> NotifyAsync(TenantInfo tenant, string to, string language, Uri link)
    {
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            var notification = context.AddMailNotification(TimeProvider.System, to, language, "platform.mail.test", link);
            await context.SaveChangesAsync();
            return notification;
        }
    }

    private static string? Header(JsonElement mail, string name) =>
        mail.GetProperty("headers").EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;

    private NotesDbContext Context() =>
        KernelNotes.CreateContext(services.GetRequiredService<AppDataSource>().DataSource, Current, services.GetRequiredService<TenantSession>());

    private async Task<long> CountAsync(TenantInfo tenant, string sql)
    {
        using (Current.Begin(tenant))
        {
            await using var connection = await services.GetRequiredService<AppDataSource>().OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, connection);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
    }
}
