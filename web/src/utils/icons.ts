export {
  House, UserFilled, User, HomeFilled, Setting, MapLocation, Avatar, Lock, Document, Key,
} from '@element-plus/icons-vue'
