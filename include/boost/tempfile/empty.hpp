// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_EMPTY_HPP
#define BOOST_TEMPFILE_EMPTY_HPP
#pragma once

// The tag that constructs an owner owning nothing: `temp_dir<> d(empty);`
// makes no directory, costs nothing and cannot fail; a real owner is moved
// into it later. Default construction keeps creating (as Python's and
// Rust's temporaries do): see "Default construction creates" in
// doc/rationale.adoc.

namespace boost {
namespace tempfile {

struct empty_t
{
    explicit empty_t() = default;
};

//! Pass to an owner's constructor for an object that owns nothing.
constexpr empty_t empty{};

} // namespace tempfile
} // namespace boost

#endif
