# lstmlab_lean_moc(): every AUTOMOC target of the project runs moc through cmake/lean_moc.sh.in, which
# drops the compiler's implicit include directories and Eigen's from moc's command line (build time:
# about 70 CPU-seconds per tree). Call it once, at the end of the top-level CMakeLists.txt.
function(lstmlab_lean_moc_targets dir script)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    get_target_property(automoc ${target} AUTOMOC)
    if(automoc)
      set_target_properties(${target} PROPERTIES AUTOMOC_EXECUTABLE ${script})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir ${subdirs})
    lstmlab_lean_moc_targets(${subdir} ${script})
  endforeach()
endfunction()

function(lstmlab_lean_moc)
  get_target_property(LEAN_MOC_EXECUTABLE Qt6::moc LOCATION)
  get_target_property(eigen_dirs Eigen3::Eigen INTERFACE_INCLUDE_DIRECTORIES)
  set(dirs ${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES} ${eigen_dirs})
  list(TRANSFORM dirs REPLACE "^(.+)$" "\"-I\\1\"")
  list(JOIN dirs " | " LEAN_MOC_PATTERNS)
  set(script ${PROJECT_BINARY_DIR}/lean_moc.sh)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/lean_moc.sh.in ${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  lstmlab_lean_moc_targets(${PROJECT_SOURCE_DIR} ${script})
endfunction()
