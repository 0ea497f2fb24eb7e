using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ConnectTools.Emulator;

/// <summary>
/// Loopback stand-ins of the services credential providers talk to, with their wire formats:
/// <list type="bullet">
/// <item>EC2 instance metadata (IMDSv2): <c>PUT /latest/api/token</c>, <c>GET /latest/meta-data/iam/info</c>,
/// <c>.../iam/security-credentials/</c> (the role name), <c>.../iam/security-credentials/{role}</c>, <c>.../placement/region</c>.
/// Point <c>AWS_EC2_METADATA_SERVICE_ENDPOINT</c> at the emulator's URL.</item>
/// <item>Container credentials: <c>GET /_credentials/container</c> with the <c>Authorization</c> header
/// (<c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>, <c>AWS_CONTAINER_AUTHORIZATION_TOKEN</c> or <c>..._TOKEN_FILE</c>).</item>
/// <item>STS (awsQuery, XML): <c>POST /</c> with <c>Action=AssumeRole</c> (SigV4 for "sts") or
/// <c>Action=AssumeRoleWithWebIdentity</c> (unsigned). Point <c>AWS_ENDPOINT_URL_STS</c> at the emulator's URL.</item>
/// <item>The SSO portal: <c>GET /federation/credentials</c> with <c>x-amz-sso_bearer_token</c> (GetRoleCredentials).
/// Point <c>AWS_ENDPOINT_URL_SSO</c> at the emulator's URL.</item>
/// </list>
/// Everything issued expires after <see cref="EmulatorOptions.CredentialLifetime"/>; the Connect endpoint then answers
/// ExpiredTokenException. Responses and log lines never hold a secret.
/// </summary>
internal sealed class CredentialEndpoints
{
    internal const string ContainerPath = "/_credentials/container";
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly EmulatorOptions _options;
    private readonly IssuedCredentials _issued;
    private readonly SigV4Verifier _stsVerifier;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _imdsTokens = new(StringComparer.Ordinal);

    public CredentialEndpoints(EmulatorOptions options, IssuedCredentials issued, IReadOnlyDictionary<string, string> secrets)
    {
        _options = options;
        _issued = issued;
        _stsVerifier = new SigV4Verifier(secrets, region: null, service: "sts", issued, () => options.SignatureWindow);
    }

    /// <summary>True for the routes served here (none of them is a Connect route).</summary>
    public static bool Handles(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return path.StartsWith("/latest/", StringComparison.Ordinal) ||
               path.Equals(ContainerPath, StringComparison.Ordinal) ||
               path.Equals("/federation/credentials", StringComparison.Ordinal) ||
               (HttpMethods.IsPost(request.Method) && (path == "/" || path == "") &&
                (request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
    }

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        string outcome;
        try
        {
            if (path.StartsWith("/latest/", StringComparison.Ordinal))
            {
                outcome = await InstanceMetadataAsync(http, path).ConfigureAwait(false);
            }
            else if (path == ContainerPath)
            {
                outcome = await ContainerAsync(http).ConfigureAwait(false);
            }
            else if (path == "/federation/credentials")
            {
                outcome = await SsoAsync(http).ConfigureAwait(false);
            }
            else
            {
                outcome = await StsAsync(http).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            return;
        }

        Log($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {http.Request.Method} {path} -> {http.Response.StatusCode} {outcome}");
    }

    // ---- EC2 instance metadata (IMDSv2) --------------------------------------------------------------------------

    private async Task<string> InstanceMetadataAsync(HttpContext http, string path)
    {
        if (path == "/latest/api/token")
        {
            if (!HttpMethods.IsPut(http.Request.Method))
            {
                return await TextAsync(http, 405, "", "IMDS token needs PUT").ConfigureAwait(false);
            }

            var ttlText = http.Request.Headers["X-aws-ec2-metadata-token-ttl-seconds"].ToString();
            if (!int.TryParse(ttlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttl) || ttl < 1 || ttl > 21600)
            {
                return await TextAsync(http, 400, "", "IMDS token TTL missing or out of range").ConfigureAwait(false);
            }

            var token = "AQAEA" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            _imdsTokens[token] = DateTimeOffset.UtcNow.AddSeconds(ttl);
            http.Response.Headers["X-aws-ec2-metadata-token-ttl-seconds"] = ttl.ToString(CultureInfo.InvariantCulture);
            return await TextAsync(http, 200, token, "IMDS token").ConfigureAwait(false);
        }

        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return await TextAsync(http, 405, "", "IMDS needs GET").ConfigureAwait(false);
        }

        // IMDSv2 only, like an instance with HttpTokens=required: no valid token, 401.
        var presented = http.Request.Headers["X-aws-ec2-metadata-token"].ToString();
        if (presented.Length == 0 || !_imdsTokens.TryGetValue(presented, out var tokenExpiry) || tokenExpiry < DateTimeOffset.UtcNow)
        {
            return await TextAsync(http, 401, "", "IMDS request without a valid token").ConfigureAwait(false);
        }

        var role = _options.InstanceProfileRole;
        switch (path)
        {
            case "/latest/meta-data/placement/region":
                return await TextAsync(http, 200, _options.Region, "IMDS region").ConfigureAwait(false);
            case "/latest/meta-data/iam/info":
                return await JsonAsync(http, 200, w =>
                {
                    w.WriteString("Code", "Success");
                    w.WriteString("LastUpdated", Iso(DateTimeOffset.UtcNow));
                    w.WriteString("InstanceProfileArn", $"arn:aws:iam::{_options.AccountId}:instance-profile/{role}");
                    w.WriteString("InstanceProfileId", "AIPAEMULATOR0000000001");
                }, "IMDS iam/info").ConfigureAwait(false);
            case "/latest/meta-data/iam/security-credentials" or "/latest/meta-data/iam/security-credentials/":
                return await TextAsync(http, 200, role, "IMDS role name").ConfigureAwait(false);
        }

        if (path == "/latest/meta-data/iam/security-credentials/" + role)
        {
            var issued = _issued.Issue("InstanceProfile", _options.CredentialLifetime, $"arn:aws:iam::{_options.AccountId}:role/{role}");
            return await JsonAsync(http, 200, w =>
            {
                w.WriteString("Code", "Success");
                w.WriteString("LastUpdated", Iso(issued.IssuedAt));
                w.WriteString("Type", "AWS-HMAC");
                WriteCredentialMembers(w, issued, "AccessKeyId", "SecretAccessKey", "Token");
                w.WriteString("Expiration", Iso(issued.ExpiresAt));
            }, "IMDS credentials " + issued.AccessKeyId).ConfigureAwait(false);
        }

        return await TextAsync(http, 404, "", "IMDS path not found").ConfigureAwait(false);
    }

    // ---- Container credentials -----------------------------------------------------------------------------------

    private async Task<string> ContainerAsync(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return await TextAsync(http, 405, "", "container credentials need GET").ConfigureAwait(false);
        }

        if (!string.Equals(authorization, _options.ContainerAuthorizationToken, StringComparison.Ordinal))
        {
            return await JsonAsync(http, 401, w =>
            {
                w.WriteString("code", "AccessDeniedException");
                w.WriteString("message", authorization.Length == 0 ? "The Authorization header is missing." : "The Authorization token is not valid.");
            }, "container credentials refused").ConfigureAwait(false);
        }

        var issued = _issued.Issue("Container", _options.CredentialLifetime, $"arn:aws:iam::{_options.AccountId}:role/{_options.InstanceProfileRole}");
        return await JsonAsync(http, 200, w =>
        {
            WriteCredentialMembers(w, issued, "AccessKeyId", "SecretAccessKey", "Token");
            w.WriteString("Expiration", Iso(issued.ExpiresAt));
            w.WriteString("RoleArn", issued.RoleArn);
        }, "container credentials " + issued.AccessKeyId).ConfigureAwait(false);
    }

    // ---- SSO portal: GetRoleCredentials --------------------------------------------------------------------------

    private async Task<string> SsoAsync(HttpContext http)
    {
        var token = http.Request.Headers["x-amz-sso_bearer_token"].ToString();
        var roleName = http.Request.Query["role_name"].ToString();
        var accountId = http.Request.Query["account_id"].ToString();
        if (token.Length == 0)
        {
            return await SsoErrorAsync(http, 401, "UnauthorizedException", "Session token not found or invalid").ConfigureAwait(false);
        }

        // Only tokens the emulator was told about (--sso-access-token), like the portal knows the tokens it issued.
        if (!_options.SsoAccessTokens.Contains(token))
        {
            return await SsoErrorAsync(http, 401, "UnauthorizedException", "Session token not found or invalid").ConfigureAwait(false);
        }

        if (roleName.Length == 0 || accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            return await SsoErrorAsync(http, 400, "InvalidRequestException", "role_name and a 12-digit account_id are required.").ConfigureAwait(false);
        }

        var issued = _issued.Issue("SSO", _options.CredentialLifetime, $"arn:aws:iam::{accountId}:role/{roleName}");
        return await JsonAsync(http, 200, w =>
        {
            w.WriteStartObject("roleCredentials");
            WriteCredentialMembers(w, issued, "accessKeyId", "secretAccessKey", "sessionToken");
            w.WriteNumber("expiration", issued.ExpiresAt.ToUnixTimeMilliseconds());
            w.WriteEndObject();
        }, "SSO GetRoleCredentials " + issued.AccessKeyId).ConfigureAwait(false);
    }

    private static Task<string> SsoErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.Headers["x-amzn-ErrorType"] = code;
        return JsonAsync(http, status, w => w.WriteString("message", message), "SSO " + code);
    }

    // ---- STS ---------------------------------------------------------------------------------------------------

    private async Task<string> StsAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
        var form = UriEncoding.QueryPairs(Encoding.UTF8.GetString(body).Replace('+', ' '))
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var action = form.GetValueOrDefault("Action") ?? "";
        var roleArn = form.GetValueOrDefault("RoleArn");
        var sessionName = form.GetValueOrDefault("RoleSessionName");
        try
        {
            if (form.GetValueOrDefault("Version") != "2011-06-15")
            {
                throw new ApiException(400, "InvalidAction", "Could not find operation " + action + " for version " + form.GetValueOrDefault("Version"));
            }

            switch (action)
            {
                case "AssumeRole":
                    Authenticate(http, body);
                    break;
                case "AssumeRoleWithWebIdentity":
                    var webToken = form.GetValueOrDefault("WebIdentityToken");
                    if (string.IsNullOrWhiteSpace(webToken))
                    {
                        throw new ApiException(400, "ValidationError", "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null");
                    }

                    if (!webToken.Contains('.', StringComparison.Ordinal))
                    {
                        throw new ApiException(400, "InvalidIdentityToken", "Couldn't parse the web identity token (it is not a JWT).");
                    }

                    break;
                default:
                    throw new ApiException(400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
            }

            if (string.IsNullOrEmpty(roleArn) || !roleArn.StartsWith("arn:aws:iam::", StringComparison.Ordinal) || !roleArn.Contains(":role/", StringComparison.Ordinal))
            {
                throw new ApiException(400, "ValidationError", $"{roleArn} is invalid");
            }

            if (string.IsNullOrEmpty(sessionName) || sessionName.Length < 2 || sessionName.Length > 64)
            {
                throw new ApiException(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64");
            }

            if (form.ContainsKey("SerialNumber") && !form.ContainsKey("TokenCode"))
            {
                throw new ApiException(403, "AccessDenied", "MultiFactorAuthentication failed, a token code is required.");
            }

            var externalId = form.GetValueOrDefault("ExternalId");
            if (action == "AssumeRole" && _options.RequiredExternalIds.TryGetValue(roleArn, out var requiredExternalId) && requiredExternalId != externalId)
            {
                throw new ApiException(403, "AccessDenied", $"User is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
            }

            var lifetime = _options.CredentialLifetime;
            if (form.GetValueOrDefault("DurationSeconds") is { } durationText)
            {
                if (!int.TryParse(durationText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 900 || seconds > 43200)
                {
                    throw new ApiException(400, "ValidationError", "1 validation error detected: Value '" + durationText + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
                }

                lifetime = TimeSpan.FromSeconds(Math.Min(seconds, lifetime.TotalSeconds));
            }

            var issued = _issued.Issue(action, lifetime, roleArn, externalId);
            var roleName = roleArn[(roleArn.IndexOf(":role/", StringComparison.Ordinal) + 6)..];
            var xml = new StringBuilder();
            xml.Append($"<{action}Response xmlns=\"{StsNamespace}\">\n  <{action}Result>\n");
            if (action == "AssumeRoleWithWebIdentity")
            {
                xml.Append("    <SubjectFromWebIdentityToken>system:serviceaccount:default:connecttools</SubjectFromWebIdentityToken>\n");
                xml.Append("    <Audience>sts.amazonaws.com</Audience>\n    <Provider>emulator.oidc.local</Provider>\n");
            }

            xml.Append("    <AssumedRoleUser>\n");
            xml.Append($"      <AssumedRoleId>AROAEMULATOR000000001:{Escape(sessionName)}</AssumedRoleId>\n");
            xml.Append($"      <Arn>arn:aws:sts::{_options.AccountId}:assumed-role/{Escape(roleName)}/{Escape(sessionName)}</Arn>\n");
            xml.Append("    </AssumedRoleUser>\n    <Credentials>\n");
            xml.Append($"      <AccessKeyId>{issued.AccessKeyId}</AccessKeyId>\n");
            xml.Append($"      <SecretAccessKey>{issued.SecretAccessKey}</SecretAccessKey>\n");
            xml.Append($"      <SessionToken>{issued.SessionToken}</SessionToken>\n");
            xml.Append($"      <Expiration>{Iso(issued.ExpiresAt)}</Expiration>\n");
            xml.Append("    </Credentials>\n");
            if (action == "AssumeRole")
            {
                xml.Append("    <PackedPolicySize>6</PackedPolicySize>\n");
            }

            xml.Append($"  </{action}Result>\n  <ResponseMetadata>\n    <RequestId>{Guid.NewGuid()}</RequestId>\n  </ResponseMetadata>\n</{action}Response>\n");
            await WriteAsync(http, 200, "text/xml", xml.ToString()).ConfigureAwait(false);
            return "STS " + action + " " + issued.AccessKeyId + (externalId is null ? "" : " with ExternalId");
        }
        catch (ApiException e)
        {
            var type = e.StatusCode >= 500 ? "Receiver" : "Sender";
            var xml = $"<ErrorResponse xmlns=\"{StsNamespace}\">\n  <Error>\n    <Type>{type}</Type>\n    <Code>{e.ErrorCode}</Code>\n" +
                      $"    <Message>{Escape(e.Message)}</Message>\n  </Error>\n  <RequestId>{Guid.NewGuid()}</RequestId>\n</ErrorResponse>\n";
            await WriteAsync(http, e.StatusCode, "text/xml", xml).ConfigureAwait(false);
            return "STS " + action + " " + e.ErrorCode;
        }
    }

    private void Authenticate(HttpContext http, byte[] body)
    {
        var headers = http.Request.Headers;
        var request = new SignedRequest
        {
            Method = http.Request.Method,
            RawPath = http.Request.Path.Value is { Length: > 0 } p ? p : "/",
            RawQuery = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "",
            Body = body,
            Header = name => headers.TryGetValue(name, out var v) ? v.ToString() : null,
        };
        try
        {
            _stsVerifier.Verify(request, DateTimeOffset.UtcNow, out _);
        }
        catch (ApiException e) when (e.ErrorCode is "UnrecognizedClientException")
        {
            // STS's own words for an unknown key.
            throw new ApiException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        catch (ApiException e) when (e.ErrorCode is "InvalidSignatureException")
        {
            throw new ApiException(403, "SignatureDoesNotMatch", e.Message);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------

    private static void WriteCredentialMembers(Utf8JsonWriter w, IssuedCredential issued, string keyName, string secretName, string tokenName)
    {
        w.WriteString(keyName, issued.AccessKeyId);
        w.WriteString(secretName, issued.SecretAccessKey);
        w.WriteString(tokenName, issued.SessionToken);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string? text) => SecurityElement.Escape(text ?? "") ?? "";

    private static async Task<string> TextAsync(HttpContext http, int status, string text, string outcome)
    {
        await WriteAsync(http, status, "text/plain", text).ConfigureAwait(false);
        return outcome;
    }

    private static async Task<string> JsonAsync(HttpContext http, int status, Action<Utf8JsonWriter> members, string outcome)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        await WriteAsync(http, status, "application/json", Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
        return outcome;
    }

    private static async Task WriteAsync(HttpContext http, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private void Log(string line)
    {
        try
        {
            _options.LogSink?.Invoke(line);
        }
        catch (Exception)
        {
            // A failing log sink must not fail requests.
        }
    }
}
