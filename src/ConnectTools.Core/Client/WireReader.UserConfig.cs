using System.Text.Json;

namespace ConnectTools.Client
{
    /// <summary>A user's phone and per-channel configurations (DescribeUser and SearchUsers alike).</summary>
    internal static partial class WireReader
    {
        private static UserPhoneConfig? PhoneConfig(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.UserPhoneConfig")) return null;
            var phone = new UserPhoneConfig();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "PhoneType"u8)) phone.PhoneType = String(ref reader);
                else if (Is(ref reader, "AutoAccept"u8)) phone.AutoAccept = Bool(ref reader);
                else if (Is(ref reader, "AfterContactWorkTimeLimit"u8)) phone.AfterContactWorkTimeLimit = Int(ref reader);
                else if (Is(ref reader, "DeskPhoneNumber"u8)) phone.DeskPhoneNumber = String(ref reader);
                else if (Is(ref reader, "PersistentConnection"u8)) phone.PersistentConnection = Bool(ref reader);
                else Skip(ref reader);
            }
            return phone;
        }

        private static AutoAcceptConfig? AutoAccept(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.AutoAcceptConfig")) return null;
            var config = new AutoAcceptConfig();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Channel"u8)) config.Channel = String(ref reader);
                else if (Is(ref reader, "AutoAccept"u8)) config.AutoAccept = Bool(ref reader);
                else if (Is(ref reader, "AgentFirstCallbackAutoAccept"u8)) config.AgentFirstCallbackAutoAccept = Bool(ref reader);
                else Skip(ref reader);
            }
            return config;
        }

        private static AfterContactWorkConfigPerChannel? AfterContactWorkPerChannel(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.AfterContactWorkConfigPerChannel")) return null;
            var config = new AfterContactWorkConfigPerChannel();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Channel"u8)) config.Channel = String(ref reader);
                else if (Is(ref reader, "AfterContactWorkConfig"u8)) config.AfterContactWorkConfig = AfterContactWork(ref reader);
                else if (Is(ref reader, "AgentFirstCallbackAfterContactWorkConfig"u8)) config.AgentFirstCallbackAfterContactWorkConfig = AfterContactWork(ref reader);
                else Skip(ref reader);
            }
            return config;
        }

        private static AfterContactWorkConfig? AfterContactWork(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.AfterContactWorkConfig")) return null;
            var config = new AfterContactWorkConfig();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "AfterContactWorkTimeLimit"u8)) config.AfterContactWorkTimeLimit = Int(ref reader);
                else Skip(ref reader);
            }
            return config;
        }

        private static PhoneNumberConfig? PhoneNumber(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.PhoneNumberConfig")) return null;
            var config = new PhoneNumberConfig();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Channel"u8)) config.Channel = String(ref reader);
                else if (Is(ref reader, "PhoneType"u8)) config.PhoneType = String(ref reader);
                else if (Is(ref reader, "PhoneNumber"u8)) config.PhoneNumber = String(ref reader);
                else Skip(ref reader);
            }
            return config;
        }

        private static PersistentConnectionConfig? PersistentConnection(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.PersistentConnectionConfig")) return null;
            var config = new PersistentConnectionConfig();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Channel"u8)) config.Channel = String(ref reader);
                else if (Is(ref reader, "PersistentConnection"u8)) config.PersistentConnection = Bool(ref reader);
                else Skip(ref reader);
            }
            return config;
        }

        private static VoiceEnhancementConfig? VoiceEnhancement(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.VoiceEnhancementConfig")) return null;
            var config = new VoiceEnhancementConfig();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Channel"u8)) config.Channel = String(ref reader);
                else if (Is(ref reader, "VoiceEnhancementMode"u8)) config.VoiceEnhancementMode = String(ref reader);
                else Skip(ref reader);
            }
            return config;
        }
    }
}
