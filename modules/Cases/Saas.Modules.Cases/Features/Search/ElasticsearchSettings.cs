using System.Net.Http.Headers;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Where the Elasticsearch cluster is and how to sign in (<c>Cases:Search:Elasticsearch</c>): <c>Url</c>
/// (required), either <c>ApiKey</c> (the encoded key Elasticsearch returns) or <c>Username</c>/<c>Password</c>,
/// <c>IndexPrefix</c> (default <c>saas-documents</c>) and <c>TimeoutSeconds</c> (default 30). Checked when the
/// host starts, so a wrong setting stops the start instead of failing the first upload. A class, not a record:
/// a record's generated ToString would print the credentials.
/// </summary>
internal sealed partial class ElasticsearchSettings(Uri url, string indexPrefix, AuthenticationHeaderValue? authorization, TimeSpan timeout)
{
    public const string Section = "Cases:Search:Elasticsearch";

    public Uri Url { get; } = url;

    public string IndexPrefix { get; } = indexPrefix;

    public AuthenticationHeaderValue? Authorization { get; } = authorization;

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
        AuthenticationHeaderValue? authorization = null;
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            if (!string.IsNullOrWhiteSpace(username))
            {
                throw new InvalidOperationException($"{Section}: set either ApiKey or Username and Password, not both.");
            }

            authorization = new AuthenticationHeaderValue("ApiKey", apiKey.Trim());
        }
        else if (!string.IsNullOrWhiteSpace(username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{section.Password}"));
            authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        var timeout = section.TimeoutSeconds;
        if (timeout < 1)
        {
            throw new InvalidOperationException($"{Section}:TimeoutSeconds must be at least 1.");
        }

        return new ElasticsearchSettings(new Uri(uri.AbsoluteUri.TrimEnd('/') + "/"), prefix, authorization, TimeSpan.FromSeconds(timeout));
    }

    /// <summary>The HttpClient of <see cref="ElasticsearchDocumentSearch"/>: base address, sign-in and time limit.</summary>
    public void Configure(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.BaseAddress = Url;
        client.Timeout = Timeout;
        client.DefaultRequestHeaders.Authorization = Authorization;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    // Elasticsearch index names are lower-case and must not start with '-', '_' or '+'.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexPrefixPattern();
}
