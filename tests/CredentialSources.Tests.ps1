# Every credential source of the README's order table that the SDK fetches itself (instance profile, container, web
# identity, assume-role, SSO, credential_process), through the BUILT module against the emulator's loopback stand-ins
# of instance metadata, the container endpoint, STS and the SSO portal. Each case runs in a fresh non-interactive pwsh,
# like a runbook: the SDK keeps some of these settings (the instance metadata endpoint) for the life of a process.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    $script:RoleArn = 'arn:aws:iam::123456789012:role/connect-reader'
    $script:ExternalId = 'tenant-7f3a'
    $script:ContainerToken = 'container-auth-0a1b2c3d'
    $script:SsoToken = 'sso-access-token-never-print-41f2'
    # A long-term key only the credential_process and source_profile cases use; it must never show.
    $script:ProcessKey = 'AKIDPROCESS000000001'
    $script:ProcessSecret = 'PrOcEsS-SeCrEt-never-print-3e2d'
    # One ACTIVE instance (--active-only): these tests are about credentials, and compare the listing to it.
    $script:Emu = Start-TestEmulator -Instances 1 -Users 20 -Log -Arguments @(
        '--active-only', '--no-quotas', '--credential', "$DemoAccessKey=$DemoSecretKey", '--credential', "$ProcessKey=$ProcessSecret",
        '--container-token', $ContainerToken, '--sso-access-token', $SsoToken, '--external-id', "$RoleArn=$ExternalId")
    $script:Url = $Emu.Url
    $script:Base = $Url.TrimEnd('/')
    $script:Inst = $Emu.Data.Instances[0]
    $script:AllText = [System.Collections.Generic.List[string]]::new()

    function Invoke-SourceProbe {
        <#
        Runs Get-ConnectInstance -Verbose -Debug in a child pwsh -NonInteractive whose environment has no AWS settings
        but HOME (a fresh folder) and $Environment. $Setup (PowerShell, run first in the child) may write profile files
        under $env:HOME. Returns @{ Text; Instances; Verbose; Errors } parsed from the child's tagged output lines.
        #>
        param([hashtable] $Environment = @{}, [string] $Setup = '', [string] $Command = 'Get-ConnectInstance -EndpointUrl $url -Region us-east-1 -Verbose -Debug')
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $dir '.aws') -Force
        $script = @"
`$ErrorActionPreference = 'Continue'
`$url = '$Url'
Import-Module -Name '$ModuleManifest' -ErrorAction Stop
$Setup
try {
    foreach (`$r in @($Command *>&1)) {
        if (`$r -is [System.Management.Automation.ErrorRecord]) { 'ERROR ' + `$r.FullyQualifiedErrorId + ' :: ' + `$r.ToString() }
        elseif (`$r -is [System.Management.Automation.VerboseRecord]) { 'VERBOSE ' + `$r.Message }
        elseif (`$r -is [System.Management.Automation.DebugRecord]) { 'DEBUG ' + `$r.Message }
        elseif (`$r -is [System.Management.Automation.WarningRecord]) { 'WARNING ' + `$r.Message }
        elseif (`$r.PSObject.Properties['InstanceId']) { 'OUT ' + `$r.InstanceId + ' ' + (`$r | ConvertTo-Json -Depth 3 -Compress -WarningAction SilentlyContinue) }
        else { 'OTHER ' + `$r }
    }
}
catch {
    'ERROR ' + `$_.FullyQualifiedErrorId + ' :: ' + `$_.ToString()
    `$e = `$_.Exception; while (`$e) { 'CHAIN ' + `$e.ToString(); `$e = `$e.InnerException }
}
"@
        $psi = New-PwshStartInfo -Script $script
        foreach ($name in $AwsVariables + @('AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_SSO', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE')) {
            $null = $psi.Environment.Remove($name)
        }
        $psi.Environment['HOME'] = $dir
        if ($IsWindows) { $psi.Environment['USERPROFILE'] = $dir }
        $psi.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
        $psi.Environment['AWS_REGION'] = 'us-east-1'
        foreach ($k in $Environment.Keys) {
            if ($null -eq $Environment[$k]) { $null = $psi.Environment.Remove($k) } else { $psi.Environment[$k] = $Environment[$k] }
        }
        $p = [System.Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync()
        $out = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw "The child pwsh did not finish in 120 s. Output so far: $out" }
        $text = $out + $err.Result
        $script:AllText.Add($text)
        $lines = $text -split "`r?`n"
        [pscustomobject]@{
            Text      = $text
            Instances = @($lines | Where-Object { $_ -like 'OUT *' } | ForEach-Object { ($_ -split ' ')[1] })
            Verbose   = ($lines | Where-Object { $_ -like 'VERBOSE *' }) -join "`n"
            Debug     = ($lines | Where-Object { $_ -like 'DEBUG *' }) -join "`n"
            Errors    = @($lines | Where-Object { $_ -like 'ERROR *' })
            Home      = $dir
        }
    }

    function Get-Issued([string] $Source) {
        @((Invoke-EmulatorAdmin $Emu 'credentials').Issued | Where-Object Source -eq $Source)
    }

    function Write-ConfigFile([string] $HomeDir, [string] $Config, [string] $Credentials = '') {
        Set-Content -LiteralPath (Join-Path $HomeDir '.aws/config') -Value $Config
        Set-Content -LiteralPath (Join-Path $HomeDir '.aws/credentials') -Value $Credentials
    }

    # PowerShell that writes ~/.aws/config (and credentials) in the child, from here-strings of this file.
    function New-ProfileSetup([string] $Config, [string] $Credentials = '') {
        $c = $Config.Replace("'", "''"); $k = $Credentials.Replace("'", "''")
        "Set-Content -LiteralPath (Join-Path `$env:HOME '.aws/config') -Value '$c'; Set-Content -LiteralPath (Join-Path `$env:HOME '.aws/credentials') -Value '$k'"
    }
}

AfterAll {
    Stop-TestEmulator $script:Emu
}

Describe 'Credential sources through the built module' {
    It 'EC2 instance profile: IMDSv2 token, role name and role credentials from AWS_EC2_METADATA_SERVICE_ENDPOINT' {
        $before = (Get-Issued 'InstanceProfile').Count
        $r = Invoke-SourceProbe -Environment @{ AWS_EC2_METADATA_DISABLED = $null; AWS_EC2_METADATA_SERVICE_ENDPOINT = $Base }
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match ([regex]::Escape("Credentials: EC2 instance profile (instance metadata at $Base)"))
        $r.Verbose | Should -Match 'Credentials: fetched from EC2 instance profile .*access key ASIA…'
        $issued = Get-Issued 'InstanceProfile'
        $issued.Count | Should -BeGreaterThan $before
        ($issued | Measure-Object -Property Requests -Sum).Sum | Should -BeGreaterThan 0 -Because 'the Connect calls were signed with the issued credentials'
    }

    It 'container credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN' {
        $before = (Get-Issued 'Container').Count
        $r = Invoke-SourceProbe -Environment @{ AWS_CONTAINER_CREDENTIALS_FULL_URI = "$Base/_credentials/container"; AWS_CONTAINER_AUTHORIZATION_TOKEN = $ContainerToken }
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match ([regex]::Escape("Credentials: container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI $Base/_credentials/container, authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN)"))
        $r.Verbose | Should -Match 'Credentials: fetched from container credentials'
        (Get-Issued 'Container').Count | Should -BeGreaterThan $before
    }

    It 'container credentials: the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (EKS Pod Identity)' {
        $tokenFile = Join-Path $TestDrive 'eks-pod-identity-token'
        Set-Content -LiteralPath $tokenFile -Value $ContainerToken -NoNewline
        $r = Invoke-SourceProbe -Environment @{ AWS_CONTAINER_CREDENTIALS_FULL_URI = "$Base/_credentials/container"; AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = $tokenFile }
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match 'authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'
    }

    It 'container credentials with a wrong token: one terminating error that names the source, no Connect call' {
        Reset-EmulatorStats $Emu
        $r = Invoke-SourceProbe -Environment @{ AWS_CONTAINER_CREDENTIALS_FULL_URI = "$Base/_credentials/container"; AWS_CONTAINER_AUTHORIZATION_TOKEN = 'not-the-token' }
        $r.Instances | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1 -Because $r.Text
        $r.Errors[0] | Should -Match '^ERROR ConnectNoCredentials,ConnectTools.Commands.GetConnectInstanceCommand :: Could not get credentials from container credentials'
        $r.Errors[0] | Should -Match 'authorization token'
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }

    It 'web identity: AssumeRoleWithWebIdentity at AWS_ENDPOINT_URL_STS with the token file' {
        $tokenFile = Join-Path $TestDrive 'web-identity-token'
        Set-Content -LiteralPath $tokenFile -Value 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25uZWN0dG9vbHMifQ.c2lnbmF0dXJl' -NoNewline
        $before = (Get-Issued 'AssumeRoleWithWebIdentity').Count
        $r = Invoke-SourceProbe -Environment @{ AWS_WEB_IDENTITY_TOKEN_FILE = $tokenFile; AWS_ROLE_ARN = $RoleArn; AWS_ENDPOINT_URL_STS = $Base }
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match ([regex]::Escape("Credentials: web identity (role $RoleArn with the token in $tokenFile"))
        $r.Verbose | Should -Match 'Credentials: fetched from web identity'
        $issued = Get-Issued 'AssumeRoleWithWebIdentity'
        $issued.Count | Should -BeGreaterThan $before
        $issued[-1].RoleArn | Should -Be $RoleArn
    }

    It 'assume-role profile: source_profile signs AssumeRole, external_id is sent' {
        $setup = New-ProfileSetup -Config "[profile base]`nregion = us-east-1`n`n[profile reader]`nrole_arn = $RoleArn`nsource_profile = base`nexternal_id = $ExternalId`nrole_session_name = runbook`nregion = us-east-1`n" `
            -Credentials "[base]`naws_access_key_id = $ProcessKey`naws_secret_access_key = $ProcessSecret`n"
        $before = (Get-Issued 'AssumeRole').Count
        $r = Invoke-SourceProbe -Environment @{ AWS_ENDPOINT_URL_STS = $Base } -Setup $setup -Command 'Get-ConnectInstance -ProfileName reader -EndpointUrl $url -Verbose -Debug'
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match ([regex]::Escape("Credentials: profile 'reader' [assume role $RoleArn with source_profile 'base', external_id set]"))
        $r.Verbose | Should -Match "Credentials: fetched from profile 'reader'"
        $issued = Get-Issued 'AssumeRole'
        $issued.Count | Should -BeGreaterThan $before
        $issued[-1].ExternalId | Should -Be $ExternalId -Because 'the emulator requires it for this role'
    }

    It 'assume-role profile with a wrong external_id: the STS refusal, naming the profile and what to check' {
        $setup = New-ProfileSetup -Config "[profile base]`nregion = us-east-1`n`n[profile reader]`nrole_arn = $RoleArn`nsource_profile = base`nexternal_id = wrong-tenant`n" `
            -Credentials "[base]`naws_access_key_id = $ProcessKey`naws_secret_access_key = $ProcessSecret`n"
        $r = Invoke-SourceProbe -Environment @{ AWS_ENDPOINT_URL_STS = $Base } -Setup $setup -Command 'Get-ConnectInstance -ProfileName reader -EndpointUrl $url -Region us-east-1'
        $r.Instances | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1 -Because $r.Text
        $r.Errors[0] | Should -Match "ConnectNoCredentials.* :: Could not get credentials from profile 'reader'.*AccessDenied.*Check role_arn and external_id of profile 'reader'"
    }

    It 'assume-role profile with mfa_serial in a non-interactive session: a clear error, no prompt and no STS call' {
        $setup = New-ProfileSetup -Config "[profile base]`nregion = us-east-1`n`n[profile mfa]`nrole_arn = $RoleArn`nsource_profile = base`nmfa_serial = arn:aws:iam::123456789012:mfa/admin`n" `
            -Credentials "[base]`naws_access_key_id = $ProcessKey`naws_secret_access_key = $ProcessSecret`n"
        $before = (Get-Issued 'AssumeRole').Count
        Reset-EmulatorStats $Emu
        $r = Invoke-SourceProbe -Environment @{ AWS_ENDPOINT_URL_STS = $Base } -Setup $setup -Command 'Get-ConnectInstance -ProfileName mfa -EndpointUrl $url -Region us-east-1'
        $r.Instances | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1 -Because $r.Text
        $r.Errors[0] | Should -Match "^ERROR ConnectNoCredentials,.* :: The profile 'mfa' assumes role .* with mfa_serial arn:aws:iam::123456789012:mfa/admin.*does not prompt"
        $r.Text | Should -Not -Match 'NonInteractive|Read-Host|PromptFor' -Because 'nothing may try to prompt'
        (Get-Issued 'AssumeRole').Count | Should -Be $before
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }

    It 'SSO profile (sso_session) with a valid cached token: GetRoleCredentials at AWS_ENDPOINT_URL_SSO' {
        $expires = [DateTime]::UtcNow.AddHours(1).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $setup = (New-ProfileSetup -Config "[profile sso]`nsso_session = corp`nsso_account_id = 123456789012`nsso_role_name = ConnectReadOnly`nregion = us-east-1`n`n[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`nsso_registration_scopes = sso:account:access`n") + @"

`$cache = Join-Path `$env:HOME '.aws/sso/cache'; `$null = New-Item -ItemType Directory -Path `$cache -Force
`$name = -join ([System.Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes('corp')) | ForEach-Object { `$_.ToString('x2') })
@{ startUrl = 'https://corp.awsapps.com/start'; region = 'us-east-1'; accessToken = '$SsoToken'; expiresAt = '$expires' } | ConvertTo-Json | Set-Content -LiteralPath (Join-Path `$cache "`$name.json")
"@
        $before = (Get-Issued 'SSO').Count
        $r = Invoke-SourceProbe -Environment @{ AWS_ENDPOINT_URL_SSO = $Base } -Setup $setup -Command 'Get-ConnectInstance -ProfileName sso -EndpointUrl $url -Verbose -Debug'
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match ([regex]::Escape("Credentials: profile 'sso' [SSO: account 123456789012, role ConnectReadOnly, sso_session 'corp']"))
        $r.Verbose | Should -Match "Credentials: fetched from profile 'sso'"
        $issued = Get-Issued 'SSO'
        $issued.Count | Should -BeGreaterThan $before
        $issued[-1].RoleArn | Should -Be 'arn:aws:iam::123456789012:role/ConnectReadOnly'
    }

    It 'SSO profile with an expired cached token: the message says to run aws sso login' {
        $expired = [DateTime]::UtcNow.AddHours(-2).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $setup = (New-ProfileSetup -Config "[profile sso-old]`nsso_session = old`nsso_account_id = 123456789012`nsso_role_name = ConnectReadOnly`nregion = us-east-1`n`n[sso-session old]`nsso_start_url = https://old.awsapps.com/start`nsso_region = us-east-1`n") + @"

`$cache = Join-Path `$env:HOME '.aws/sso/cache'; `$null = New-Item -ItemType Directory -Path `$cache -Force
`$name = -join ([System.Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes('old')) | ForEach-Object { `$_.ToString('x2') })
@{ startUrl = 'https://old.awsapps.com/start'; region = 'us-east-1'; accessToken = '$SsoToken'; expiresAt = '$expired' } | ConvertTo-Json | Set-Content -LiteralPath (Join-Path `$cache "`$name.json")
"@
        Reset-EmulatorStats $Emu
        $r = Invoke-SourceProbe -Environment @{ AWS_ENDPOINT_URL_SSO = $Base } -Setup $setup -Command 'Get-ConnectInstance -ProfileName sso-old -EndpointUrl $url'
        $r.Instances | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1 -Because $r.Text
        $r.Errors[0] | Should -Match "ConnectNoCredentials.* :: The SSO sign-in for profile 'sso-old'.* has expired.*Run 'aws sso login --profile sso-old' \(or 'aws sso login --sso-session old'\)"
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }

    It 'credential_process profile: the process''s JSON credentials sign the calls' {
        $script = Join-Path $TestDrive 'creds.ps1'
        "@{ Version = 1; AccessKeyId = '$ProcessKey'; SecretAccessKey = '$ProcessSecret' } | ConvertTo-Json -Compress" | Set-Content -LiteralPath $script
        $command = (@($Pwsh) + $PwshArguments + @('-NoProfile', '-NonInteractive', '-File', $script) | ForEach-Object { '"' + $_ + '"' }) -join ' '
        $setup = New-ProfileSetup -Config "[profile proc]`ncredential_process = $command`nregion = us-east-1`n"
        $r = Invoke-SourceProbe -Setup $setup -Command 'Get-ConnectInstance -ProfileName proc -EndpointUrl $url -Verbose -Debug'
        $r.Errors | Should -BeNullOrEmpty -Because $r.Text
        $r.Instances | Should -Be @($Inst.Id)
        $r.Verbose | Should -Match "Credentials: profile 'proc' \[credential_process\]"
        $r.Verbose | Should -Match "Credentials: fetched from profile 'proc' .*access key AKID…0001, no expiry"
    }

    It 'credential_process that fails: its exit code and error output, and what to do' {
        $script = Join-Path $TestDrive 'fail.ps1'
        "[Console]::Error.WriteLine('token broker unreachable (code 7)'); exit 3" | Set-Content -LiteralPath $script
        $command = (@($Pwsh) + $PwshArguments + @('-NoProfile', '-NonInteractive', '-File', $script) | ForEach-Object { '"' + $_ + '"' }) -join ' '
        $setup = New-ProfileSetup -Config "[profile broken]`ncredential_process = $command`nregion = us-east-1`n"
        Reset-EmulatorStats $Emu
        $r = Invoke-SourceProbe -Setup $setup -Command 'Get-ConnectInstance -ProfileName broken -EndpointUrl $url'
        $r.Instances | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1 -Because $r.Text
        $r.Errors[0] | Should -Match "ConnectNoCredentials.* :: Could not get credentials from profile 'broken' \[credential_process\].*non-zero exit value 3.*token broker unreachable \(code 7\).*Run the credential_process command of profile 'broken' by hand"
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }

    It 'no output, verbose, debug or error text of any case, nor the emulator log, holds a secret or session token' {
        $AllText.Count | Should -BeGreaterThan 10 -Because 'the cases above ran first'
        $all = $AllText -join "`n"
        $all | Should -Match 'VERBOSE Credentials: fetched' -Because 'the streams were captured'
        $all | Should -Not -Match ([regex]::Escape($ProcessSecret))
        $all | Should -Not -Match ([regex]::Escape($SsoToken))
        $all | Should -Not -Match ([regex]::Escape($ContainerToken))
        # The emulator's issued session tokens and secret keys start with these (random otherwise).
        $all | Should -Not -Match 'IQoJb3JpZ2luX2VtdWxhdG9y'
        $all | Should -Not -Match 'EmUlAtEdSeCrEt'
        $log = (Get-Content -LiteralPath $Emu.LogPath -Raw) + (Get-Content -LiteralPath $Emu.ErrPath -Raw)
        $log | Should -Match 'STS AssumeRole ' -Because 'the emulator log was captured'
        $log | Should -Not -Match 'IQoJb3JpZ2luX2VtdWxhdG9y'
        $log | Should -Not -Match 'EmUlAtEdSeCrEt'
        $log | Should -Not -Match ([regex]::Escape($ProcessSecret))
        $log | Should -Not -Match ([regex]::Escape($SsoToken))
    }
}

Describe 'The emulator enforces what it issues' {
    BeforeAll { $script:AwsState = Enter-TestAwsEnvironment -NoKeys }
    AfterAll {
        $null = Set-EmulatorOption $Emu @{ CredentialLifetimeSec = 3600 }
        Exit-TestAwsEnvironment $script:AwsState
    }

    It 'temporary credentials work with their session token until they expire, then ExpiredTokenException ends the command' {
        $null = Set-EmulatorOption $Emu @{ CredentialLifetimeSec = 3 }
        $c = Invoke-RestMethod -Uri "$Base/_credentials/container" -Headers @{ Authorization = $ContainerToken } -NoProxy
        $ok = Invoke-Captured { Get-ConnectInstance -AccessKey $c.AccessKeyId -SecretKey $c.SecretAccessKey -SessionToken $c.Token -Region us-east-1 -EndpointUrl $Url }
        $ok.Terminating | Should -BeNullOrEmpty
        $ok.Output.InstanceId | Should -Be $Inst.Id

        $wrongToken = Invoke-Captured { Get-ConnectInstance -AccessKey $c.AccessKeyId -SecretKey $c.SecretAccessKey -SessionToken 'not-its-token' -Region us-east-1 -EndpointUrl $Url }
        $wrongToken.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectAuthenticationFailed,ConnectTools.Commands.GetConnectInstanceCommand'
        $wrongToken.Terminating.ToString() | Should -Match 'security token included in the request is invalid'

        while ([DateTimeOffset]::UtcNow -le ([DateTimeOffset]$c.Expiration).AddSeconds(1)) { Start-Sleep -Milliseconds 200 }
        $late = Invoke-Captured { Get-ConnectInstance -AccessKey $c.AccessKeyId -SecretKey $c.SecretAccessKey -SessionToken $c.Token -Region us-east-1 -EndpointUrl $Url }
        $late.Output.Count | Should -Be 0
        $late.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectAuthenticationFailed,ConnectTools.Commands.GetConnectInstanceCommand'
        $late.Terminating.ToString() | Should -Match 'ExpiredTokenException|security token included in the request is expired'
    }
}

Describe 'A listing that outlives its credentials' {
    BeforeAll {
        # Credentials live 10 s; DescribeUser is paced at the service's default 10 calls/s, so listing 300 users in full
        # takes several lifetimes. The refresh logic is the SDK's own (an assume-role profile's AssumeRoleAWSCredentials).
        $script:Long = Start-TestEmulator -Instances 1 -Users 300 -Arguments '--credential-lifetime-sec', '10', '--credential', "$ProcessKey=$ProcessSecret"
        $script:LongInst = $Long.Data.Instances[0]
    }
    AfterAll { Stop-TestEmulator $script:Long }

    It 'delivers every user exactly once, refreshes are in -Verbose and -Debug, and expired credentials were never used' {
        $setup = New-ProfileSetup -Config "[profile base]`nregion = us-east-1`n`n[profile reader]`nrole_arn = $RoleArn`nsource_profile = base`nregion = us-east-1`n" `
            -Credentials "[base]`naws_access_key_id = $ProcessKey`naws_secret_access_key = $ProcessSecret`n"
        $longUrl = $Long.Url
        $command = "Get-ConnectUser -InstanceId '$($LongInst.Id)' -ProfileName reader -EndpointUrl '$longUrl' -Verbose -Debug"
        $r = Invoke-SourceProbe -Environment @{ AWS_ENDPOINT_URL_STS = $longUrl.TrimEnd('/') } -Setup $setup -Command $command
        $r.Errors | Should -BeNullOrEmpty -Because ($r.Text.Substring(0, [Math]::Min(3000, $r.Text.Length)))

        $users = @($r.Text -split "`r?`n" | Where-Object { $_ -like 'OUT *' } | ForEach-Object { ($_ | Select-String -Pattern '"UserId":"([^"]+)"').Matches[0].Groups[1].Value })
        $users.Count | Should -Be 300
        @($users | Sort-Object -Unique).Count | Should -Be 300 -Because 'no user may arrive twice'
        @($users | Sort-Object) | Should -Be @($LongInst.Users.Id | Sort-Object) -Because 'every user must arrive'

        $refreshes = @(($r.Verbose -split "`n") | Where-Object { $_ -match 'Credentials: refreshed \(\d+\) from profile ''reader''' })
        $refreshes.Count | Should -BeGreaterOrEqual 3
        @(($r.Debug -split "`n") | Where-Object { $_ -match 'Credentials: refreshed' }).Count | Should -Be $refreshes.Count

        # The emulator's own record: the listing ran past several credential lifetimes, and each credential it accepted
        # was used only before it expired (it would have answered ExpiredTokenException otherwise).
        $issued = @((Invoke-EmulatorAdmin $Long 'credentials').Issued | Where-Object Source -eq 'AssumeRole')
        $used = @($issued | Where-Object Requests -gt 0)
        $last = ($used | ForEach-Object { ([DateTimeOffset]$_.LastUsedAt) } | Measure-Object -Maximum).Maximum
        @($used | Where-Object { ([DateTimeOffset]$_.ExpiresAt) -lt $last }).Count | Should -BeGreaterOrEqual 3 -Because 'credentials expired while the listing went on'
        foreach ($c in $used) { ([DateTimeOffset]$c.LastUsedAt) | Should -BeLessThan (([DateTimeOffset]$c.ExpiresAt)) }
        $stats = Get-EmulatorStats $Long
        $stats.Operations.DescribeUser.Requests | Should -BeGreaterOrEqual 300
        $stats.TotalSignatureFailures | Should -Be 0
    }
}
