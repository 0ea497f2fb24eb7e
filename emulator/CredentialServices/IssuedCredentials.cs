using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;

namespace ConnectTools.Emulator;

/// <summary>One set of temporary credentials the emulator handed out (instance profile, container, STS or SSO).</summary>
public sealed class IssuedCredential
{
    private long _requests;
    private long _lastUsedTicks;

    internal IssuedCredential(string source, string? roleArn, string? externalId, string accessKeyId, string secretAccessKey, string sessionToken, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Source = source;
        RoleArn = roleArn;
        ExternalId = externalId;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = sessionToken;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>Which endpoint issued it: InstanceProfile, Container, AssumeRole, AssumeRoleWithWebIdentity, SSO.</summary>
    public string Source { get; }

    public string? RoleArn { get; }

    /// <summary>The ExternalId an AssumeRole call carried (not a secret: it names the caller's tenant).</summary>
    public string? ExternalId { get; }

    public string AccessKeyId { get; }

    /// <summary>The secret (for in-process tests; the admin API and logs never show it).</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token (for in-process tests; the admin API and logs never show it).</summary>
    public string SessionToken { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Connect requests that were signed with it and accepted.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>When the last accepted Connect request signed with it arrived (null: never used).</summary>
    public DateTimeOffset? LastUsedAt => Interlocked.Read(ref _lastUsedTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    internal void CountUse(DateTimeOffset at)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Exchange(ref _lastUsedTicks, at.UtcTicks);
    }
}

/// <summary>
/// The temporary credentials the emulator's credential endpoints issued, so the SigV4 verifier can accept them (with
/// their session token) until they expire and answer ExpiredTokenException after that, like the service.
/// </summary>
public sealed class IssuedCredentials
{
    private const int MaxKept = 100_000;
    private readonly ConcurrentDictionary<string, IssuedCredential> _byAccessKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IssuedCredential> _order = new();

    /// <summary>Issues new credentials that expire after <paramref name="lifetime"/>.</summary>
    public IssuedCredential Issue(string source, TimeSpan lifetime, string? roleArn = null, string? externalId = null)
    {
        var now = DateTimeOffset.UtcNow;
        // Real temporary keys start with ASIA; the session token is long and opaque (its start is recognisable too).
        var credential = new IssuedCredential(source, roleArn, externalId,
            "ASIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            // A recognisable start, so tests can search every output for issued secrets.
            "EmUlAtEdSeCrEt" + RandomText(26, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            "IQoJb3JpZ2luX2VtdWxhdG9y" + RandomText(120, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            now, now + lifetime);
        _byAccessKey[credential.AccessKeyId] = credential;
        _order.Enqueue(credential);
        while (_order.Count > MaxKept && _order.TryDequeue(out var oldest))
        {
            _byAccessKey.TryRemove(oldest.AccessKeyId, out _);
        }

        return credential;
    }

    public bool TryGet(string accessKeyId, out IssuedCredential credential) => _byAccessKey.TryGetValue(accessKeyId, out credential!);

    /// <summary>Everything issued so far, oldest first.</summary>
    public IReadOnlyList<IssuedCredential> All => _order.ToArray();

    /// <summary>Forgets everything issued (admin reset).</summary>
    public void Clear()
    {
        _byAccessKey.Clear();
        while (_order.TryDequeue(out _))
        {
        }
    }

    private static string RandomText(int length, string alphabet)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}
