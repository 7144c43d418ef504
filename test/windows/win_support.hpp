// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// What the Windows suites need beyond the portable layer (../support/portable.hpp):
// DACLs, the user's SID, reading as a plain C++ program would, wine.

#ifndef BOOST_TEMPFILE_TEST_WINDOWS_WIN_SUPPORT_HPP
#define BOOST_TEMPFILE_TEST_WINDOWS_WIN_SUPPORT_HPP

#include "../support/portable.hpp"

#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <iterator>
#include <string>
#include <vector>

namespace win_support {

namespace fs = boost::filesystem;

// The portable layer, under the names the Windows suites use.
using portable::fault_scope;
using portable::names_in;
using portable::present;
using portable::read_file;
using portable::scratch_dir;
using portable::write_file;

using portable::handle_contents;
using portable::handle_offset;
using portable::handle_size;

//! A Win32 error code as the library reports it (system_category).
inline boost::system::error_code win32(DWORD e)
{
    return portable::system_error(static_cast< int >(e));
}

//! An environment variable of the process, or empty.
inline std::wstring env(const wchar_t* name)
{
    wchar_t buf[1024];
    const DWORD n = ::GetEnvironmentVariableW(name, buf, 1024);
    return n > 0 && n < 1024 ? std::wstring(buf, n) : std::wstring();
}

//! What a plain C++ program does: std::ifstream (narrow name, CRT sharing
//! without FILE_SHARE_DELETE).
inline std::string ifstream_contents(const fs::path& p)
{
    fs::ifstream in(p, std::ios::binary);
    if (!in)
        return "<cannot open>";
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

//! The current user's SID as a string (S-1-5-...).
inline std::wstring current_user_sid()
{
    HANDLE token = nullptr;
    if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
        return L"";
    DWORD size = 0;
    ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector< unsigned char > buf(size);
    std::wstring result;
    if (::GetTokenInformation(token, TokenUser, buf.data(), size, &size))
    {
        LPWSTR s = nullptr;
        if (::ConvertSidToStringSidW(reinterpret_cast< TOKEN_USER* >(buf.data())->User.Sid, &s))
        {
            result = s;
            ::LocalFree(s);
        }
    }
    ::CloseHandle(token);
    return result;
}

//! The DACL of a file or directory as SDDL ("D:P(A;;FA;;;S-1-5-...)").
inline std::wstring dacl_sddl(const fs::path& p)
{
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (::GetNamedSecurityInfoW(p.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, nullptr,
                                nullptr, &sd) != ERROR_SUCCESS)
        return L"<GetNamedSecurityInfoW failed>";
    LPWSTR s = nullptr;
    std::wstring result = L"<conversion failed>";
    if (::ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &s,
                                                               nullptr))
    {
        result = s;
        ::LocalFree(s);
    }
    ::LocalFree(sd);
    return result;
}

//! Whether the program runs under wine (ntdll exports wine_get_version).
inline bool under_wine()
{
    HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
    return ntdll && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

inline std::string narrow(const std::wstring& w)
{
    std::string out;
    for (wchar_t c : w)
        out += c < 128 ? static_cast< char >(c) : '?';
    return out;
}

} // namespace win_support

#endif
