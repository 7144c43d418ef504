// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_CONFIG_HPP
#define BOOST_TEMPFILE_DETAIL_CONFIG_HPP
#pragma once

// Header-only, or with a separately compiled part.
//
// Header-only (the default), each piece of process-wide state -- the
// temp-directory cache, the fork counter, the exit registry, ... -- is a
// static object inside an inline accessor function. Every executable and
// shared library that includes the headers gets its own copy unless the
// dynamic linker merges them, and it does not when the library was built
// with hidden visibility (-fvisibility=hidden, the default of CMake presets
// and of b2's Boost builds) or on Windows (one copy per DLL always). Two
// copies mean, for example, that set_temp_directory_path() called in one
// library is not seen by another, and that each has its own exit registry.
// And every translation unit compiles (at -O2: optimises) every library
// function it uses.
//
// BOOST_TEMPFILE_SEPARATE_COMPILATION, defined for the whole program, makes
// the headers declare what they mark BOOST_TEMPFILE_DECL -- the state
// accessors, the policy-independent functions -- without defining it, and
// turns BOOST_TEMPFILE_EXTERN_TEMPLATE into `extern template`; libs/tempfile/src
// (built with BOOST_TEMPFILE_SOURCE) defines all of it once (b2:
// libs/tempfile/build//boost_tempfile; CMake: Boost::tempfile_compiled).
// Linked as a shared library, it is one copy of the state for every library
// of the process. The macro must be the same in every translation unit of a
// program: mixing the two modes is an ODR violation.
//
// How a header declares a piece of state, or a function to compile once:
//
//     BOOST_TEMPFILE_DECL thing_state& thing() noexcept;
//     #if BOOST_TEMPFILE_HEADER_DEFINITIONS
//     BOOST_TEMPFILE_DECL thing_state& thing() noexcept
//     {
//         static detail::immortal< thing_state > state; // see detail/process.hpp
//         return state.get();
//     }
//     #endif
//
// and how an owner header has its default instantiation compiled once (at
// namespace scope, after the class template's member definitions):
//
//     BOOST_TEMPFILE_EXTERN_TEMPLATE(class, basic_thing<>)
//
// libs/tempfile/src/state.cpp includes every header, so that each
// declaration gets its definition there.

#include <boost/config.hpp>

#if defined(BOOST_TEMPFILE_SOURCE) && !defined(BOOST_TEMPFILE_SEPARATE_COMPILATION)
#define BOOST_TEMPFILE_SEPARATE_COMPILATION 1
#endif

#if defined(BOOST_TEMPFILE_SEPARATE_COMPILATION)
// What the compiled part exports. On ELF and Mach-O the names are visible
// whatever -fvisibility says, on both sides (a program built with hidden
// visibility must still bind to the library's definitions). On Windows a
// DLL (BOOST_TEMPFILE_DYN_LINK or BOOST_ALL_DYN_LINK) exports and imports;
// a static library needs neither.
#if defined(BOOST_TEMPFILE_WINDOWS) || defined(_WIN32) || defined(__CYGWIN__)
#if defined(BOOST_TEMPFILE_DYN_LINK) || defined(BOOST_ALL_DYN_LINK)
#if defined(BOOST_TEMPFILE_SOURCE)
#define BOOST_TEMPFILE_SYMBOL BOOST_SYMBOL_EXPORT
#else
#define BOOST_TEMPFILE_SYMBOL BOOST_SYMBOL_IMPORT
#endif
#else
#define BOOST_TEMPFILE_SYMBOL
#endif
#else
#define BOOST_TEMPFILE_SYMBOL BOOST_SYMBOL_VISIBLE
#endif
#define BOOST_TEMPFILE_DECL BOOST_TEMPFILE_SYMBOL
#if defined(BOOST_TEMPFILE_SOURCE)
#define BOOST_TEMPFILE_EXTERN_TEMPLATE(kind, ...) template kind BOOST_TEMPFILE_SYMBOL __VA_ARGS__;
#else
#define BOOST_TEMPFILE_EXTERN_TEMPLATE(kind, ...) extern template kind BOOST_TEMPFILE_SYMBOL __VA_ARGS__;
#endif
#else
#define BOOST_TEMPFILE_SYMBOL
#define BOOST_TEMPFILE_DECL inline
#define BOOST_TEMPFILE_EXTERN_TEMPLATE(kind, ...)
#endif

//! 1 where the headers define what they declare BOOST_TEMPFILE_DECL:
//! header-only, or in the compiled part itself.
#if !defined(BOOST_TEMPFILE_SEPARATE_COMPILATION) || defined(BOOST_TEMPFILE_SOURCE)
#define BOOST_TEMPFILE_HEADER_DEFINITIONS 1
#else
#define BOOST_TEMPFILE_HEADER_DEFINITIONS 0
#endif

#endif
