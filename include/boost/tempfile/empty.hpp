// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_EMPTY_HPP
#define BOOST_TEMPFILE_EMPTY_HPP
#pragma once

// The tag that constructs an owner owning nothing, without creating anything
// and without throwing, to move a real one into later:
//     boost::tempfile::named_temp_file<> f(boost::tempfile::empty);
//     ...
//     f = boost::tempfile::named_temp_file<>(opts);
// Default construction creates (as Python's and Rust's constructors do).

namespace boost {
namespace tempfile {

struct empty_t
{
    explicit empty_t() = default;
};

constexpr empty_t empty{};

} // namespace tempfile
} // namespace boost

#endif
