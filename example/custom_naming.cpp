// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A naming policy of your own: names shaped like a random (version 4) UUID,
// e.g. /tmp/upload-1b4e28ba-2fa1-4d2e-883f-0016d3cca427.part. Python's
// tempfile has no such hook; you would override _RandomNameSequence.
//
// The contract is one member, generate(options, name). The library retries
// with a fresh call after a collision and creates the file exclusively, so
// the policy only has to spread names well: boost::tempfile::random_bits()
// gives it 64 unpredictable bits at a time.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>

namespace tf = boost::tempfile;

namespace {

struct uuid_name
{
    void generate(const tf::options& opts, std::string& name) const
    {
        std::uint64_t high = tf::random_bits(), low = tf::random_bits();
        high = (high & ~std::uint64_t(0xf000)) | 0x4000;                  // version 4: random
        low = (low & ~(std::uint64_t(3) << 62)) | (std::uint64_t(2) << 62); // RFC 4122 variant
        name.assign(opts.prefix());
        append_hex(name, high >> 32, 8);
        name += '-';
        append_hex(name, high >> 16, 4);
        name += '-';
        append_hex(name, high, 4);
        name += '-';
        append_hex(name, low >> 48, 4);
        name += '-';
        append_hex(name, low, 12);
        name.append(opts.suffix());
    }

private:
    //! The low `digits` hex digits of `value`, most significant first.
    static void append_hex(std::string& out, std::uint64_t value, std::size_t digits)
    {
        for (std::size_t i = digits; i-- > 0;)
            out += "0123456789abcdef"[(value >> (4 * i)) & 0xf];
    }
};

bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

//! xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx with Y one of 8, 9, a, b.
bool is_uuid_v4(const std::string& s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        const bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_here ? s[i] != '-' : !is_hex(s[i]))
            return false;
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

} // namespace

int main()
{
    using upload_file = tf::basic_named_temp_file< tf::delete_on_close, uuid_name >;

    boost::filesystem::path path;
    {
        upload_file upload(tf::options().prefix("upload-").suffix(".part"));
        path = upload.path();
        std::cout << "UUID-named file: " << path.string() << '\n';

        const std::string name = path.filename().string();
        const std::string prefix = "upload-", suffix = ".part";
        if (name.size() != prefix.size() + 36 + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0 ||
            !is_uuid_v4(name.substr(prefix.size(), 36)))
            return 1;
    }
    if (boost::filesystem::exists(path))
        return 1;
    return 0;
}
