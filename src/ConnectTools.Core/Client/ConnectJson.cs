using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConnectTools.Client
{
    /// <summary>JSON settings for the Connect wire format: PascalCase members, epoch-second timestamps, unknown members ignored.</summary>
    internal static class ConnectJson
    {
        internal static readonly JsonSerializerOptions Options = Create();

        private static JsonSerializerOptions Create()
        {
            var o = new JsonSerializerOptions
            {
                PropertyNamingPolicy = null,
                PropertyNameCaseInsensitive = false,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                NumberHandling = JsonNumberHandling.Strict,
                // Metadata generated at compile time for the request and response bodies: no reflection and no emitted
                // accessors at the first call of a session (and less work per call); anything else falls back to reflection.
                TypeInfoResolver = JsonTypeInfoResolver.Combine(ConnectJsonContext.Default, new DefaultJsonTypeInfoResolver()),
            };
            o.Converters.Add(new EpochSecondsConverter());
            o.MakeReadOnly();
            return o;
        }
    }

    /// <summary>The wire bodies, for the System.Text.Json source generator (the options come from <see cref="ConnectJson.Options"/>).</summary>
    [JsonSerializable(typeof(DescribeInstanceBody))]
    [JsonSerializable(typeof(ListInstancesBody))]
    [JsonSerializable(typeof(DescribeUserBody))]
    [JsonSerializable(typeof(ListUsersBody))]
    [JsonSerializable(typeof(SearchUsersResponseBody))]
    [JsonSerializable(typeof(SearchUsersBody))]
    internal sealed partial class ConnectJsonContext : JsonSerializerContext
    {
    }

    /// <summary>Reads epoch seconds (fractions allowed; an ISO-8601 string is accepted too) as a UTC DateTime.</summary>
    internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (!reader.TryGetDecimal(out decimal seconds))
                    seconds = (decimal)reader.GetDouble();
                return FromEpochSeconds(seconds);
            }
            if (reader.TokenType == JsonTokenType.String)
            {
                string s = reader.GetString()!;
                if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal seconds)) return FromEpochSeconds(seconds);
                return DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            }
            throw new JsonException("Expected a timestamp in epoch seconds, found " + reader.TokenType + ".");
        }

        internal static DateTime FromEpochSeconds(decimal seconds) =>
            Epoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond, 0, MidpointRounding.AwayFromZero));

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            decimal seconds = (decimal)(value.ToUniversalTime() - Epoch).Ticks / TimeSpan.TicksPerSecond;
            writer.WriteNumberValue(seconds);
        }
    }
}
