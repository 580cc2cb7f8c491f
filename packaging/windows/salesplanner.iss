; Inno Setup script of the Windows installer; packaging/build.py runs it with iscc, passing
; AppVersion, SourceDir (PyInstaller's folder), OutputDir and OutputName. Built and smoke-tested only by
; .github/workflows/release.yml: nothing here can run on the Linux machines the project is tested on.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6E0C7D55-3E9B-4F0A-9C55-5A1E3D2B7C41}
AppName=Sales Planner
AppVersion={#AppVersion}
AppPublisher=The Sales Planner authors
DefaultDirName={autopf}\Sales Planner
DefaultGroupName=Sales Planner
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights, or for everyone when asked.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\Sales Planner.exe
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Sales Planner"; Filename: "{app}\Sales Planner.exe"
Name: "{autodesktop}\Sales Planner"; Filename: "{app}\Sales Planner.exe"; Tasks: desktopicon

[Registry]
; .salesplan files open in Sales Planner, with their own icon, and "Open with" lists it.
Root: HKA; Subkey: "Software\Classes\.salesplan"; ValueType: string; ValueName: ""; ValueData: "SalesPlanner.Plan"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.salesplan"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-salesplanner"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.salesplan\OpenWithProgids"; ValueType: string; ValueName: "SalesPlanner.Plan"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SalesPlanner.Plan"; ValueType: string; ValueName: ""; ValueData: "Sales Planner plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SalesPlanner.Plan\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\salesplan.ico"
Root: HKA; Subkey: "Software\Classes\SalesPlanner.Plan\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Sales Planner.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\Sales Planner.exe\SupportedTypes"; ValueType: string; ValueName: ".salesplan"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\Sales Planner.exe"; Description: "{cm:LaunchProgram,Sales Planner}"; Flags: nowait postinstall skipifsilent
