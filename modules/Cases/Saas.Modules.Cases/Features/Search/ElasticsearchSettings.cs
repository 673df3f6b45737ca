using System.Text.Encodings.Web;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Serialization;
using Elastic.Transport;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Where the Elasticsearch cluster is and how to sign in (<c>Cases:Search:Elasticsearch</c>): <c>Url</c>
/// (required), either <c>ApiKey</c> (the encoded key Elasticsearch returns) or <c>Username</c>/<c>Password</c>,
/// <c>IndexPrefix</c> (default <c>saas-documents</c>) and <c>TimeoutSeconds</c> (default 30). Checked when the
/// host starts, so a wrong setting stops the start instead of failing the first upload. A class, not a record:
/// a record's generated ToString would print the credentials. <see cref="CreateClient"/> makes the official
/// client (<c>Elastic.Clients.Elasticsearch</c> 9), which speaks to Elasticsearch 9 servers only (docs/adr/0007).
/// </summary>
internal sealed partial class ElasticsearchSettings(Uri url, string indexPrefix, AuthorizationHeader? authorization, TimeSpan timeout)
{
    public const string Section = "Cases:Search:Elasticsearch";

    public Uri Url { get; } = url;

    public string IndexPrefix { get; } = indexPrefix;

    public AuthorizationHeader? Authorization { get; } = authorization;

    public TimeSpan Timeout { get; } = timeout;

    public static ElasticsearchSettings From(CasesOptions.ElasticsearchOptions section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var url = section.Url;
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException($"Cases:Search:Provider is 'elasticsearch' but {Section}:Url is not configured.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{Section}:Url must be an absolute http or https URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in the URL would end up in logs and error messages.
            throw new InvalidOperationException($"{Section}:Url must not contain credentials; use {Section}:ApiKey or Username and Password.");
        }

        var prefix = section.IndexPrefix ?? "saas-documents";
        if (!IndexPrefixPattern().IsMatch(prefix))
        {
            throw new InvalidOperationException($"{Section}:IndexPrefix '{prefix}' is not a valid Elasticsearch index name prefix (lower-case letters, digits, '-', '_', '.'; starting with a letter or digit).");
        }

        var apiKey = section.ApiKey;
        var username = section.Username;
        AuthorizationHeader? authorization = null;
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            if (!string.IsNullOrWhiteSpace(username))
            {
                throw new InvalidOperationException($"{Section}: set either ApiKey or Username and Password, not both.");
            }

            authorization = new ApiKey(apiKey.Trim());
        }
        else if (!string.IsNullOrWhiteSpace(username))
        {
            authorization = new BasicAuthentication(username, section.Password ?? "");
        }

        var timeout = section.TimeoutSeconds;
        if (timeout < 1)
        {
            throw new InvalidOperationException($"{Section}:TimeoutSeconds must be at least 1.");
        }

        return new ElasticsearchSettings(new Uri(uri.AbsoluteUri.TrimEnd('/') + "/"), prefix, authorization, TimeSpan.FromSeconds(timeout));
    }

    /// <summary>
    /// The official client for this cluster: one node (a load balancer or the cluster's coordinating endpoint), no
    /// sniffing, the time limit per request, the sign-in. Page texts travel as UTF-8 (umlauts not as \u escapes).
    /// The client is thread-safe and keeps its connections: the host holds one.
    /// </summary>
    public ElasticsearchClient CreateClient()
    {
        var settings = new ElasticsearchClientSettings(new SingleNodePool(Url),
                (_, clientSettings) => new DefaultSourceSerializer(clientSettings, o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping))
            .RequestTimeout(Timeout);
        if (Authorization is { } authorization)
        {
            settings = settings.Authentication(authorization);
        }

        return new ElasticsearchClient(settings);
    }

    // Elasticsearch index names are lower-case and must not start with '-', '_' or '+'.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexPrefixPattern();
}
