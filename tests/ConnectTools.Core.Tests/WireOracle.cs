using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// What the bodies were read and written with before WireReader and WireWriter: System.Text.Json's serializer with
    /// ConnectJson's rules (reflection metadata here; the product had source-generated metadata of the same types), and
    /// the unmarshaller's checks around it. Also: object graphs with every serialized member set, found by reflection.
    /// </summary>
    internal static class WireOracle
    {
        internal static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Converters = { new EpochSecondsJson() },
        };

        /// <summary>The earlier ConnectUnmarshaller: the serializer, a JsonException as InvalidDataException, null refused.</summary>
        internal static T Deserialize<T>(byte[] json) where T : class
        {
            T? body;
            try
            {
                body = JsonSerializer.Deserialize<T>(json, Options);
            }
            catch (JsonException e)
            {
                throw e.LineNumber == 0 && e.BytePositionInLine == 0
                    ? new InvalidDataException("The response body is empty where a JSON object was expected.", e)
                    : new InvalidDataException("The response body is not valid JSON of the expected shape (" + e.Message + ").", e);
            }
            return body ?? throw new InvalidDataException("The response body is empty or null where a JSON object was expected.");
        }

        /// <summary>The body read by the product's unmarshaller, from a stream.</summary>
        internal static async Task<T> ReadAsync<T>(ConnectUnmarshaller<T> unmarshaller, Stream json, long contentLength = 0,
            CancellationToken cancellationToken = default) where T : class
        {
            var response = await unmarshaller.ReadAsync(json, contentLength, cancellationToken);
            return ((ConnectResponse<T>)response).Body!;
        }

        internal static Task<T> ReadAsync<T>(ConnectUnmarshaller<T> unmarshaller, byte[] json) where T : class =>
            ReadAsync(unmarshaller, new MemoryStream(json), json.Length);

        /// <summary>A body as JSON, every member written (nulls left out), for comparisons.</summary>
        internal static string Json(object? body) => JsonSerializer.Serialize(body, body?.GetType() ?? typeof(object), Options);

        internal static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

        /// <summary>
        /// A <paramref name="type"/> with every member the serializer writes set to a value of its own (strings, numbers and
        /// times all distinct; neighbouring booleans differ; two elements in every collection). A member of a type this does
        /// not know fails the test that asked, so a member added later cannot go unchecked.
        /// </summary>
        internal static object Populated(Type type)
        {
            int n = 0;
            return Populate(type, ref n, 0)!;
        }

        /// <summary>Objects nested deeper than this are null (SearchUsers' criteria nest without end).</summary>
        private const int MaxDepth = 4;

        private static object? Populate(Type type, ref int n, int depth)
        {
            if (depth > MaxDepth) return null;
            object o = Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var p in SerializedMembers(type))
            {
                var setter = p.GetSetMethod(nonPublic: true) ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no setter.");
                setter.Invoke(o, new[] { Value(p.PropertyType, ref n, depth + 1) });
            }
            return o;
        }

        internal static IEnumerable<PropertyInfo> SerializedMembers(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() == null);

        private static object? Value(Type type, ref int n, int depth)
        {
            n++;
            if (type == typeof(string)) return $"v{n} \"quoted\" \\ é ✓ \u0001";
            if (type == typeof(bool?)) return n % 2 == 0;
            if (type == typeof(int?)) return n % 2 == 0 ? 1000 + n : -n;
            if (type == typeof(long?)) return 5_000_000_000L + n;
            if (type == typeof(DateTime?)) return new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(n).AddTicks(1_234_567 * n);
            if (type == typeof(Dictionary<string, string>))
                return new Dictionary<string, string> { ["k" + n] = "tag " + n, ["k" + n + "b"] = "tag " + n + "b" };
            if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)))
            {
                Type element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                list.Add(Value(element, ref n, depth));
                list.Add(Value(element, ref n, depth));
                if (!type.IsArray) return list;
                var array = Array.CreateInstance(element, list.Count);
                list.CopyTo(array, 0);
                return array;
            }
            if (type.IsClass && type.Namespace != null && type.Namespace.StartsWith("ConnectTools", StringComparison.Ordinal)) return Populate(type, ref n, depth);
            throw new InvalidOperationException($"No test value for {type}: teach WireOracle.Value about it.");
        }

        /// <summary>The earlier EpochSecondsConverter, reading with the product's own code and writing epoch seconds.</summary>
        private sealed class EpochSecondsJson : JsonConverter<DateTime>
        {
            private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

            public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => EpochSeconds.Read(ref reader);

            public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
                writer.WriteNumberValue((decimal)(value.ToUniversalTime() - Epoch).Ticks / TimeSpan.TicksPerSecond);
        }
    }
}
