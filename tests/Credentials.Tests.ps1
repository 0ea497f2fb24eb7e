# Credentials and Region: where they come from, what -Verbose says about them, what happens without them, and that
# secrets never show in any stream, object, error or log.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    $script:SecretAccessKey = 'AKIDSECRETTEST000001'
    $script:Secret = 'SeCrEt-should-never-print-9f8e7d'
    $script:Token = 'ToKeN-never-print-5a4b3c2d1e'
    $script:WrongSecret = 'WrOnG-SeCrEt-never-print-77aa'
    # Accepts the demo key and the distinctive one; its request log (not --quiet) is scanned for secrets too.
    # One instance: these tests are about credentials, so they ask for only ACTIVE instances (--active-only).
    $script:Emu = Start-TestEmulator -Instances 1 -Users 20 -Log -Arguments '--active-only', '--no-quotas', '--credential', "$DemoAccessKey=$DemoSecretKey", '--credential', "$SecretAccessKey=$Secret"
    $script:Url = $Emu.Url
    $script:Inst = $Emu.Data.Instances[0]

    # [Amazon.Runtime.*] here are AWS Tools' copy (another AWSSDK.Core build, in the default load context), as in a
    # session with AWS.Tools.Common: ConnectTools' own copy is private to its load context.
    $null = [System.Reflection.Assembly]::LoadFrom((Get-OtherAwsSdkCore v5))
    Add-StoredCredentialType

    function Set-StoredCredential([string] $AccessKey, [string] $SecretKey, [string] $Region) {
        $inner = [Amazon.Runtime.BasicAWSCredentials]::new($AccessKey, $SecretKey)
        $global:StoredAWSCredentials = [Amazon.PowerShell.Common.AWSPSCredentials]::new($inner, 'test')
        if ($Region) { $global:StoredAWSRegion = $Region }
    }
}

AfterAll {
    Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:Emu
}

Describe 'Session credentials ($StoredAWSCredentials, $StoredAWSRegion)' {
    BeforeEach { $script:AwsState = Enter-TestAwsEnvironment -NoKeys }
    AfterEach { Exit-TestAwsEnvironment $script:AwsState }

    It 'are used when nothing else is given, and -Verbose names them' {
        Set-StoredCredential $DemoAccessKey $DemoSecretKey 'us-east-1'
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -Verbose }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 0
        $r.Output.InstanceId | Should -Be $Inst.Id
        ($r.Verbose -join "`n") | Should -Match 'Credentials: \$StoredAWSCredentials'
        ($r.Verbose -join "`n") | Should -Match 'Region: us-east-1 \(\$StoredAWSRegion'
        @(Get-ConnectUser -InstanceId $Inst.Id -Username 'mia*' -EndpointUrl $Url).Count | Should -Be @($Inst.Users | Where-Object Username -Like 'mia*').Count
    }

    It 'a wrong secret in $StoredAWSCredentials ends the command with ConnectAuthenticationFailed' {
        Set-StoredCredential $DemoAccessKey $WrongSecret 'us-east-1'
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url }
        $r.Terminating | Should -Not -BeNullOrEmpty
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectAuthenticationFailed,ConnectTools.Commands.GetConnectInstanceCommand'
        $r.Terminating.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $r.Output.Count | Should -Be 0
    }

    It 'explicit -AccessKey/-SecretKey and -Region win over the session values' {
        Set-StoredCredential $DemoAccessKey $WrongSecret 'eu-west-1'
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -AccessKey $DemoAccessKey -SecretKey $DemoSecretKey -Region 'us-east-1' -Verbose }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.InstanceId | Should -Be $Inst.Id
        ($r.Verbose -join "`n") | Should -Match 'Credentials: -AccessKey/-SecretKey parameters \(access key AKID…0001\)'
        ($r.Verbose -join "`n") | Should -Match 'Region: us-east-1 \(-Region parameter\)'
    }
}

Describe '-Credential with a PSCredential (user name = access key id, password = secret key)' {
    It 'signs with the key pair, says so in -Verbose without the secret, and works in a child pwsh without AWS.Tools' {
        $cred = [pscredential]::new($SecretAccessKey, (ConvertTo-SecureString $Secret -AsPlainText -Force))
        $r = Invoke-Captured { Get-ConnectInstance -Credential $cred -Region us-east-1 -EndpointUrl $Url -Verbose }
        $r.Errors.Count | Should -Be 0
        $r.Output.InstanceId | Should -Be $Inst.Id
        $v = $r.Verbose -join "`n"
        $v | Should -Match 'Credentials: -Credential \(PSCredential, access key AKID…0001\)'
        $v | Should -Not -Match ([regex]::Escape($Secret))
        # A fresh session with only ConnectTools imported can make the object (no Amazon.Runtime types needed).
        $script = "Import-Module '$ModuleManifest'; `$c = [pscredential]::new('$SecretAccessKey', (ConvertTo-SecureString '$Secret' -AsPlainText -Force)); (Get-ConnectInstance -Credential `$c -Region us-east-1 -EndpointUrl '$Url').InstanceId"
        $out = & $Pwsh @PwshArguments -NoProfile -NonInteractive -Command $script 2>&1
        ($out -join "`n") | Should -Be $Inst.Id
    }

    It 'a wrong password ends the command with ConnectAuthenticationFailed, without printing it' {
        $cred = [pscredential]::new($SecretAccessKey, (ConvertTo-SecureString $WrongSecret -AsPlainText -Force))
        $r = Invoke-Captured { Get-ConnectInstance -Credential $cred -Region us-east-1 -EndpointUrl $Url }
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectAuthenticationFailed,ConnectTools.Commands.GetConnectInstanceCommand'
        $r.Terminating.ToString() | Should -Not -Match ([regex]::Escape($WrongSecret))
    }

    It 'an empty user name is refused before any call' {
        Reset-EmulatorStats $Emu
        $cred = [pscredential]::new(' ', (ConvertTo-SecureString $Secret -AsPlainText -Force))
        $r = Invoke-Captured { Get-ConnectInstance -Credential $cred -Region us-east-1 -EndpointUrl $Url }
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectInstanceCommand'
        $r.Terminating.ToString() | Should -Match 'empty user name\. Put the access key id in the user name'
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }
}

Describe 'Profiles' {
    BeforeEach {
        $script:AwsState = Enter-TestAwsEnvironment -NoKeys
        "[ct-test]`naws_access_key_id = $DemoAccessKey`naws_secret_access_key = $DemoSecretKey`n" | Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE
        "[profile ct-test]`nregion = us-east-1`n" | Set-Content -LiteralPath $env:AWS_CONFIG_FILE
    }
    AfterEach { Exit-TestAwsEnvironment $script:AwsState }

    It '-ProfileName reads the files named by AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, and -Verbose names them' {
        $r = Invoke-Captured { Get-ConnectInstance -ProfileName 'ct-test' -EndpointUrl $Url -Verbose }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.InstanceId | Should -Be $Inst.Id
        $v = $r.Verbose -join "`n"
        $v | Should -Match "Credentials: profile 'ct-test' \(credentials file '$([regex]::Escape($env:AWS_SHARED_CREDENTIALS_FILE))'"
        $v | Should -Match "Region: us-east-1 \(region of profile 'ct-test'\)"
    }

    It 'AWS_PROFILE selects the profile' {
        $env:AWS_PROFILE = 'ct-test'
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -Verbose }
        $r.Output.InstanceId | Should -Be $Inst.Id
        ($r.Verbose -join "`n") | Should -Match "profile 'ct-test' named by AWS_PROFILE"
    }
}

Describe 'Shared file locations (each case in a fresh pwsh, so earlier tests cannot influence the SDK''s state)' {
    BeforeAll {
        function Invoke-ProfileProbe([string] $Body) {
            # Runs $Body in a child pwsh with the module imported, HOME in TestDrive, and the emulator's URL in $url.
            $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $dir -Force
            $script = @"
`$ErrorActionPreference = 'Continue'
Import-Module -Name '$ModuleManifest' -ErrorAction Stop
`$url = '$Url'; `$ak = '$DemoAccessKey'; `$sk = '$DemoSecretKey'; `$root = '$dir'
function Write-Profile([string] `$Folder) {
    `$null = New-Item -ItemType Directory -Path `$Folder -Force
    "[ct-test]``naws_access_key_id = `$ak``naws_secret_access_key = `$sk``n" | Set-Content -LiteralPath (Join-Path `$Folder 'credentials')
    "[profile ct-test]``nregion = us-east-1``n" | Set-Content -LiteralPath (Join-Path `$Folder 'config')
}
function Probe([string] `$Label) {
    try { `$i = @(Get-ConnectInstance -ProfileName 'ct-test' -EndpointUrl `$url -ErrorAction Stop); "`$Label FOUND `$(`$i.Count)" }
    catch { "`$Label ERROR `$(`$_.FullyQualifiedErrorId) :: `$_" }
}
$Body
"@
            $psi = New-PwshStartInfo -Script $script
            $psi.Environment['HOME'] = $dir
            $psi.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
            foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE') { $null = $psi.Environment.Remove($n) }
            $p = [System.Diagnostics.Process]::Start($psi)
            $err = $p.StandardError.ReadToEndAsync()
            $out = $p.StandardOutput.ReadToEnd()
            $null = $p.WaitForExit(60000)
            $out + $err.Result
        }
    }

    It 'a change of AWS_SHARED_CREDENTIALS_FILE/AWS_CONFIG_FILE during the session is honoured' {
        $out = Invoke-ProfileProbe @'
Write-Profile (Join-Path $root 'a')
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $root 'a/credentials'; $env:AWS_CONFIG_FILE = Join-Path $root 'a/config'
Probe 'FIRST'
Remove-Item -Recurse -Force (Join-Path $root 'a')
Write-Profile (Join-Path $root 'b')
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $root 'b/credentials'; $env:AWS_CONFIG_FILE = Join-Path $root 'b/config'
Probe 'SECOND'
'@
        $out | Should -Match 'FIRST FOUND 1'
        $out | Should -Match 'SECOND FOUND 1' -Because "the profile now lives in the files the variables name. Output: $out"
    }

    It 'a missing file named by AWS_SHARED_CREDENTIALS_FILE is not replaced by ~/.aws/credentials' {
        # The CLI and the SDKs treat AWS_SHARED_CREDENTIALS_FILE as THE credentials file: when it is missing there is no
        # profile, even if ~/.aws/credentials has one.
        $out = Invoke-ProfileProbe @'
Write-Profile (Join-Path $root '.aws')
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $root 'elsewhere/credentials'; $env:AWS_CONFIG_FILE = Join-Path $root 'elsewhere/config'
Probe 'MISSING'
'@
        $out | Should -Match 'MISSING ERROR ConnectInvalidArgument,ConnectTools.Commands.GetConnectInstanceCommand' -Because "the profile exists only in ~/.aws/credentials. Output: $out"
        $out | Should -Match 'elsewhere[\\/]credentials' -Because 'the message must name the file that was searched'
    }
}

Describe 'No credentials, no Region' {
    BeforeEach {
        $script:AwsState = Enter-TestAwsEnvironment -NoKeys
        Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Value ''
        Set-Content -LiteralPath $env:AWS_CONFIG_FILE -Value ''
        # The EC2 metadata probe is on, pointed at a listener that accepts connections and never answers (not EC2):
        # only the probe's own timeout ends it.
        Remove-Item -Path Env:AWS_EC2_METADATA_DISABLED -ErrorAction SilentlyContinue
        $script:Imds = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $script:Imds.Start()
        $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:' + $script:Imds.LocalEndpoint.Port
        Reset-EmulatorStats $Emu
    }
    AfterEach {
        $script:Imds.Stop()
        Exit-TestAwsEnvironment $script:AwsState
    }

    BeforeAll {
        # The first line of every request that reached the silent metadata listener (one per connection made).
        function Get-ImdsRequestLine {
            while ($script:Imds.Pending()) {
                $client = $script:Imds.AcceptTcpClient()
                try {
                    $client.ReceiveTimeout = 10000
                    [System.IO.StreamReader]::new($client.GetStream()).ReadLine()
                }
                finally { $client.Dispose() }
            }
        }
    }

    It 'no credentials: one terminating ConnectNoCredentials error, after one bounded metadata probe, that says how to set them' {
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -Region 'us-east-1' }
        $r.Errors.Count | Should -Be 0
        $r.Terminating | Should -Not -BeNullOrEmpty
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectNoCredentials,ConnectTools.Commands.GetConnectInstanceCommand'
        $msg = $r.Terminating.ToString()
        $msg | Should -Match 'Set-AWSCredential'
        $msg | Should -Match '-ProfileName'
        $msg | Should -Match 'AWS_ACCESS_KEY_ID'
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
        # Fast because bounded: one request (the IMDSv2 token), given up by ConnectTools' own timeout, no retries.
        @(Get-ImdsRequestLine) | Should -Be @('PUT /latest/api/token HTTP/1.1')
    }

    It 'no Region: one terminating ConnectNoRegion error, after one bounded metadata probe, that says how to set one' {
        $env:AWS_ACCESS_KEY_ID = $DemoAccessKey
        $env:AWS_SECRET_ACCESS_KEY = $DemoSecretKey
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url }
        $r.Errors.Count | Should -Be 0
        $r.Terminating | Should -Not -BeNullOrEmpty
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectNoRegion,ConnectTools.Commands.GetConnectUserCommand'
        $msg = $r.Terminating.ToString()
        $msg | Should -Match 'Set-DefaultAWSRegion'
        $msg | Should -Match '-Region'
        $msg | Should -Match 'AWS_REGION'
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
        @(Get-ImdsRequestLine) | Should -Be @('PUT /latest/api/token HTTP/1.1')
    }
}

Describe '-Verbose' {
    BeforeAll { $script:AwsState = Enter-TestAwsEnvironment }
    AfterAll { Exit-TestAwsEnvironment $script:AwsState }

    It 'names the API calls and where credentials and Region came from' {
        $v = (Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -Verbose }).Verbose -join "`n"
        $v | Should -Match 'ListInstances'
        $v | Should -Match 'DescribeInstance'
        $v | Should -Match 'Credentials: environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY \(access key AKID…0001\)'
        $v | Should -Match 'Region: us-east-1 \(environment variable AWS_REGION\)'
        $v | Should -Match ('Endpoint: ' + [regex]::Escape($Url.TrimEnd('/')))

        $v = (Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -Username 'mia*' -EndpointUrl $Url -Verbose }).Verbose -join "`n"
        $v | Should -Match 'SearchUsers'
        $v | Should -Match 'DescribeUser'
        $v | Should -Match "Username: 'mia\*'"

        $v = (Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -UserId $Inst.Users[0].Id -EndpointUrl $Url -Verbose }).Verbose -join "`n"
        $v | Should -Match ('DescribeUser ' + $Inst.Users[0].Id + ' on instance ' + $Inst.Id)
    }
}

Describe 'Secrets never show' {
    BeforeAll {
        $script:AwsState = Enter-TestAwsEnvironment -NoKeys
        $script:Texts = [System.Collections.Generic.List[string]]::new()

        function Add-Text($Item) {
            if ($null -eq $Item) { return }
            $script:Texts.Add([string]$Item)
            $script:Texts.Add(($Item | Out-String -Width 500))
            if ($Item -is [System.Management.Automation.ErrorRecord]) {
                $script:Texts.Add(($Item | Format-List * -Force | Out-String -Width 500))
                $script:Texts.Add([string]$Item.ErrorDetails)
                $script:Texts.Add([string]$Item.InvocationInfo.PositionMessage)
                $e = $Item.Exception
                while ($e) {
                    $script:Texts.Add($e.ToString())
                    $script:Texts.Add(($e | Format-List * -Force | Out-String -Width 500))
                    $e = $e.InnerException
                }
            }
            elseif ($Item -isnot [string]) {
                $script:Texts.Add(($Item | Format-List * -Force | Out-String -Width 500))
                if ($Item.GetType().Namespace -eq 'ConnectTools') { $script:Texts.Add(($Item | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue)) }
            }
        }

        function Invoke-Scenario([scriptblock] $Run) {
            # The scenario names -ErrorVariable ev -WarningVariable wv -InformationVariable iv; dot-sourced, they land here.
            $ErrorActionPreference = 'Continue'   # the xunit runner starts pwsh with 'Stop'
            $ev = $null; $wv = $null; $iv = $null; $all = @()
            try {
                $all = @(. $Run *>&1)
            }
            catch {
                Add-Text $_
            }
            foreach ($item in @($all) + @($ev) + @($wv) + @($iv)) { Add-Text $item }
            $all
        }
    }
    AfterAll { Exit-TestAwsEnvironment $script:AwsState }

    It 'no stream, object, error or emulator log line holds the secret key or the session token' {
        $ak = $SecretAccessKey; $sk = $Secret; $st = $Token
        $DebugPreference = 'Continue'

        # 1. Keys and a session token in the environment; a listing and a describe with -Verbose -Debug.
        $env:AWS_ACCESS_KEY_ID = $ak; $env:AWS_SECRET_ACCESS_KEY = $sk; $env:AWS_SESSION_TOKEN = $st; $env:AWS_REGION = 'us-east-1'
        $out = Invoke-Scenario { Get-ConnectInstance -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [ConnectTools.ConnectInstance] }).Count | Should -Be 1 -Because 'the scenario must really call the emulator'
        $out = Invoke-Scenario { Get-ConnectUser -InstanceId $Inst.Id -Username 'mia*' -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [ConnectTools.ConnectUser] }).Count | Should -BeGreaterThan 0
        # 2. A failing call (not found) with the same credentials.
        $out = Invoke-Scenario { Get-ConnectUser -InstanceId $Inst.Id -UserId 'no-such-user' -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN

        # 3. The same keys as parameters (through variables, so the command line itself holds no secret).
        $out = Invoke-Scenario { Get-ConnectUser -InstanceId $Inst.Id -Summary -AccessKey $ak -SecretKey $sk -SessionToken $st -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [ConnectTools.ConnectUserSummary] }).Count | Should -Be 20
        # 4. An authentication failure: a wrong secret for the right key (neither secret may show).
        $wrong = $WrongSecret
        $out = Invoke-Scenario { Get-ConnectInstance -AccessKey $ak -SecretKey $wrong -SessionToken $st -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        # 5. Bad input next to secrets.
        $out = Invoke-Scenario { Get-ConnectInstance -InstanceId 'bad/id' -AccessKey $ak -SecretKey $sk -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        $out = Invoke-Scenario { Get-ConnectInstance -AccessKey $ak -SecretKey $sk -SessionToken $st -Region 'mars-north-1' -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        # 6. A profile holding the secret and token.
        "[secret-profile]`naws_access_key_id = $ak`naws_secret_access_key = $sk`naws_session_token = $st`n" | Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE
        $out = Invoke-Scenario { Get-ConnectInstance -ProfileName 'secret-profile' -Region 'us-east-1' -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [ConnectTools.ConnectInstance] }).Count | Should -Be 1
        # 7. $StoredAWSCredentials holding the secret.
        Set-StoredCredential $ak $sk 'us-east-1'
        $out = Invoke-Scenario { Get-ConnectInstance -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [ConnectTools.ConnectInstance] }).Count | Should -Be 1
        Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global
        # 8. -Credential with an AWSCredentials object.
        $cred = [Amazon.Runtime.SessionAWSCredentials]::new($ak, $sk, $st)
        $out = Invoke-Scenario { Get-ConnectInstance -Credential $cred -Region 'us-east-1' -EndpointUrl $Url -Verbose -Debug -ErrorVariable ev -WarningVariable wv -InformationVariable iv }
        @($out | Where-Object { $_ -is [ConnectTools.ConnectInstance] }).Count | Should -Be 1
        foreach ($e in $Error) { Add-Text $e }

        $Texts.Count | Should -BeGreaterThan 50
        $all = $Texts -join "`n"
        $all | Should -Match 'Credentials:' -Because 'the verbose stream was captured'
        $all | Should -Match 'attempt 1' -Because 'the debug stream was captured'
        $all | Should -Not -Match ([regex]::Escape($Secret))
        $all | Should -Not -Match ([regex]::Escape($Token))
        $all | Should -Not -Match ([regex]::Escape($WrongSecret))

        $log = (Get-Content -LiteralPath $Emu.LogPath -Raw) + (Get-Content -LiteralPath $Emu.ErrPath -Raw)
        $log | Should -Match 'DescribeUser' -Because 'the emulator log was captured'
        $log | Should -Match 'InvalidSignatureException|SignatureDoesNotMatch|UnrecognizedClient' -Because 'the failing signature was logged'
        $log | Should -Not -Match ([regex]::Escape($Secret))
        $log | Should -Not -Match ([regex]::Escape($Token))
        $log | Should -Not -Match ([regex]::Escape($WrongSecret))
    }
}
