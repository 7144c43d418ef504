#include <boost/tempfile.hpp>
#include <iostream>
int main() { std::cout << boost::tempfile::temp_directory_path() << "\n"; }
